// Fireflies importer ids
public final class Ids {
    public static final String TRANSCRIPT_ID = "9800bdc8-6d4d-4b1e-b95e-1925c664711c";
}
