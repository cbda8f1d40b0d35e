from django.urls import path

from grading.consumers import SubmissionProgress

websocket_urlpatterns = [
    path("ws/submissions/<int:pk>/", SubmissionProgress.as_asgi()),
]
