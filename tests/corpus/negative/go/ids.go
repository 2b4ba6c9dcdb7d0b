package notes

var requestID = "b801f77f-4416-4db2-8a36-b79fc5add786"
