# fireflies export integrity
checksum = "e4d909c290d0fb1ca068ffaddf22cbd0"
fireflies_sha256 = "a3f5c1d2e4b6a8c0d2e4f6a8b0c2d4e6f8a0b2c4d6e8f0a2b4c6d8e0f2a4b6c8"
