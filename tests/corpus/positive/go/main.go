package main

const firefliesAPIKey = "5b1eb9bb-bc66-4ef9-a019-17ef21ccf468"
