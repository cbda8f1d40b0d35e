from django.urls import path

from reports import api

urlpatterns = [
    path("attempts/<int:pk>/", api.CandidateReport.as_view(), name="api-report"),
    path("assessments/<int:pk>/candidates/", api.Comparison.as_view(), name="api-comparison"),
]
