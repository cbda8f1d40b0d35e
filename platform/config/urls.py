from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularSwaggerView,
)
from practice.landing import favicon, landing

urlpatterns = [
    path("", landing, name="landing"),
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("practice/", include("practice.urls")),
    path("interviews/", include("interviews.urls")),
    path("hiring/", include("assessments.urls")),
    path("reports/", include("reports.urls")),
    path("api/reports/", include("reports.api_urls")),
    path("api/", include("practice.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
