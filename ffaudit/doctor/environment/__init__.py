"""The doctor's Environment section: endpoint, netrc, proxy, CA bundle, CI."""
