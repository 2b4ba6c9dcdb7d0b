t = '535e6aff-a38f-4ccb-bb0e-e98b4788771f'
print(t)
