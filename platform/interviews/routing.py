from django.urls import path

from interviews.consumers import DocConsumer, PanelEvents, SessionEvents

websocket_urlpatterns = [
    path("ws/interviews/<int:pk>/doc/<int:item>", DocConsumer.as_asgi()),
    path("ws/interviews/<int:pk>/events/", SessionEvents.as_asgi()),
    path("ws/interviews/<int:pk>/panel/", PanelEvents.as_asgi()),
]
