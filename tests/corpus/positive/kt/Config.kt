object Config {
    const val FIREFLIES_API_KEY = "60674b53-aebf-4e5a-bbe6-0dd892e4fd63"
}
