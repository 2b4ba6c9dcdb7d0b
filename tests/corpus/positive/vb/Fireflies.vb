Module Fireflies
    Const FirefliesApiKey As String = "30a0132a-6ccd-428d-9f18-72f5378df16c"
End Module
