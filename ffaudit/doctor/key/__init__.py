"""The doctor's Credentials section: where the key comes from and what is wrong with its text."""
