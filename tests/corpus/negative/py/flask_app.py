import os

from flask import Flask

app = Flask(__name__)
app.secret_key = '17099432-c6ab-438a-91d9-99fd99794d82'
app.config['FIREFLIES_API_KEY'] = os.environ.get('FIREFLIES_API_KEY')
