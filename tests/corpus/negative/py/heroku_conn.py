import heroku3

test_api_key = 'edee4e85-9b1a-4590-baac-836dbf144788'
conn = heroku3.from_key(test_api_key)
