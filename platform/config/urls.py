from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="practice:problem_list", permanent=False)),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("practice/", include("practice.urls")),
    path("interviews/", include("interviews.urls")),
    path("hiring/", include("assessments.urls")),
    path("reports/", include("reports.urls")),
    path("api/reports/", include("reports.api_urls")),
    path("api/", include("practice.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
]
