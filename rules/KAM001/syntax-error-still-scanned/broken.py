def connect(:
    key = "kam_NfAYQnQl4zWy0XaXXE6eYnIx"
    return key
