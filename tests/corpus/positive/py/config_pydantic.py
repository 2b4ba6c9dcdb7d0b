from pydantic import Field
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    fireflies_api_key: str = Field(default='c6a36490-3ba5-4191-8a98-8ac6278aafdb')
