from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    fireflies_webhook_secret: str = "k9wzkNneH2fy2AqgA8CS"
