-- fireflies meetings seed data
INSERT INTO meetings (id, title) VALUES ('0689f25e-d444-4bb1-bf2b-2ba4859ae642', 'Standup');
