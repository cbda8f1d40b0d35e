from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token

from practice import api

app_name = "api"

urlpatterns = [
    path("token/", obtain_auth_token, name="token"),
    path("problems/", api.ProblemList.as_view(), name="problem-list"),
    path("problems/<slug:slug>/", api.ProblemDetail.as_view(), name="problem-detail"),
    path("submissions/", api.Submissions.as_view(), name="submissions"),
    path("submissions/<int:pk>/", api.SubmissionDetail.as_view(), name="submission-detail"),
    path("submissions/<int:pk>/result/", api.SubmissionResult.as_view(), name="submission-result"),
]
