from django.urls import path

from practice.consumers import SubmissionProgress

websocket_urlpatterns = [
    path("ws/submissions/<int:pk>/", SubmissionProgress.as_asgi()),
]
