from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("attempts/<int:pk>/", views.candidate, name="candidate"),
    path("attempts/<int:pk>/report.pdf", views.candidate_pdf, name="candidate_pdf"),
    path("assessments/<int:pk>/compare/", views.compare, name="compare"),
    path("assessments/<int:pk>/compare.csv", views.compare_csv, name="compare_csv"),
    path("similar/<int:left>/<int:right>/", views.pair, name="pair"),
]
