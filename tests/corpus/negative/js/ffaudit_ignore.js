const FIREFLIES_API_KEY = '6735b13b-d11c-44fc-a85b-b86d2cbe3abb'; // ffaudit: ignore
