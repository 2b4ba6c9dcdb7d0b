package com.example.notes;

public final class FirefliesConfig {
    private static final String FIREFLIES_API_KEY = "92f626a1-fe6e-4021-b81e-fca63004fd8a";
}
