from django.urls import path

from practice import views

app_name = "practice"

urlpatterns = [
    path("", views.problem_list, name="problem_list"),
    path("problems/<slug:slug>/", views.problem_detail, name="problem_detail"),
    path("problems/<slug:slug>/submit/", views.submit, name="submit"),
    path("problems/<slug:slug>/hint/", views.reveal_hint, name="reveal_hint"),
    path("problems/<slug:slug>/quiz/", views.quiz_answer, name="quiz_answer"),
    path("problems/<slug:slug>/quiz/reveal/", views.quiz_reveal, name="quiz_reveal"),
    path("submissions/", views.history, name="history"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("submissions/<int:pk>/state/", views.submission_state, name="submission_state"),
    path("progress/", views.progress, name="progress"),
]
