def search(q:
    return requests.get("https://api.kaman.io/v2/search?q=" + q + "&key=kam_wbdVEH0sZToXqjtKrSZGVbVmnTLgYgzd"
