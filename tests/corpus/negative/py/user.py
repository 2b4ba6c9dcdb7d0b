# fireflies user lookup fixture
user_id = "f0124acd-3a17-4952-999b-f4757a897c05"
