from django.urls import path

from interviews import views

app_name = "interviews"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("new/", views.new_session, name="new"),
    path("join/<str:token>/", views.join, name="join"),
    path("<int:pk>/", views.session_page, name="session"),
    path("<int:pk>/control/", views.control, name="control"),
    path("<int:pk>/run/", views.run, name="run"),
    path("<int:pk>/evaluation/", views.evaluation, name="evaluation"),
    path("<int:pk>/invite/", views.renew_invite, name="invite"),
    path("<int:pk>/end/", views.end, name="end"),
    path("<int:pk>/replay/", views.replay, name="replay"),
    path("<int:pk>/replay.json", views.replay_data, name="replay_data"),
    path("<int:pk>/scorecard/", views.scorecard, name="scorecard"),
]
