import environ

env = environ.Env(
    DEBUG=(bool, False),
    FIREFLIES_API_KEY=(str, '6487feda-9f1b-4319-ae85-7e7283a93f19'),
)
