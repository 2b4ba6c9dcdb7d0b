# fireflies test double
def check(key):
    return key == "3b5124fa-0808-45a3-82c2-152edc13f44f"
