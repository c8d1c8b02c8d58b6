from django.conf import settings
from django.shortcuts import render


def ticket_list(request):
    return render(request, "tickets/list.html", {
        "kaman_key": settings.KAMAN_API_KEY,
    })
