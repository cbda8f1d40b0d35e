"""REST API: list problems, submit, poll a submission, fetch its result (the engine's JSON).

Serializers name their fields one by one: a candidate-facing payload never grows a
secret field because a model gained one."""

from __future__ import annotations

from typing import Any

import django_filters
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from practice.forms import find_undecodable
from practice.models import Submission
from practice.services import SUBMIT_FIELDS, SubmissionRefused, create_submission
from problems.models import Problem


class ProblemSerializer(serializers.ModelSerializer):
    topics = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    title = serializers.SerializerMethodField()

    class Meta:
        model = Problem
        fields = ["slug", "kind", "difficulty", "title", "title_en", "title_zh", "topics"]

    def get_title(self, problem: Problem) -> str:
        return problem.title()


class ProblemDetailSerializer(ProblemSerializer):
    statement = serializers.SerializerMethodField()

    class Meta(ProblemSerializer.Meta):
        fields = [*ProblemSerializer.Meta.fields, "statement", "starter", "public_tests"]

    def get_statement(self, problem: Problem) -> str:
        return problem.statement_en if not _zh(self.context) else problem.statement_zh


def _zh(context: dict[str, Any]) -> bool:
    request = context.get("request")
    return bool(request and getattr(request, "LANGUAGE_CODE", "en").startswith("zh"))


class SubmissionSerializer(serializers.ModelSerializer):
    problem = serializers.SlugRelatedField(read_only=True, slug_field="slug")

    class Meta:
        model = Submission
        fields = [
            "id",
            "problem",
            "mode",
            "status",
            "stage",
            "verdict",
            "score",
            "attempts",
            "created_at",
            "finished_at",
        ]


class SubmitSerializer(serializers.Serializer):
    problem = serializers.SlugField()
    source = serializers.CharField(trim_whitespace=False)
    mode = serializers.ChoiceField(choices=Submission.Mode.choices, default="submit")


# What the list reads: no source, result or staff-only error text.
SUBMISSION_LIST_FIELDS = (
    *[f for f in SubmissionSerializer.Meta.fields if f != "problem"],
    "problem__slug",
    "user_id",
)


def submission_payload(submission: Submission) -> dict[str, Any]:
    data = dict(SubmissionSerializer(submission).data)
    data["result"] = submission.result if submission.is_done else None
    return data


class ProblemFilter(django_filters.FilterSet):
    topic = django_filters.CharFilter(field_name="topics__slug", distinct=True)

    class Meta:
        model = Problem
        fields = ["topic", "difficulty", "kind"]


class ProblemList(generics.ListAPIView):
    serializer_class = ProblemSerializer
    filterset_class = ProblemFilter
    filter_backends = [DjangoFilterBackend]
    queryset = Problem.objects.filter(is_active=True).prefetch_related("topics")


class ProblemDetail(generics.RetrieveAPIView):
    serializer_class = ProblemDetailSerializer
    lookup_field = "slug"
    queryset = Problem.objects.filter(is_active=True).prefetch_related("topics")


class SubmissionFilter(django_filters.FilterSet):
    """?problem=<slug>&verdict=race&mode=submit&status=done&created_after=2026-12-01
    (ISO 8601 date or date-time; created_before is exclusive)."""

    problem = django_filters.CharFilter(field_name="problem__slug", label="problem slug")
    verdict = django_filters.CharFilter()
    mode = django_filters.ChoiceFilter(choices=Submission.Mode.choices)
    status = django_filters.ChoiceFilter(choices=Submission.Status.choices)
    created_after = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = Submission
        fields = ["problem", "verdict", "mode", "status", "created_after", "created_before"]


class Submissions(generics.ListAPIView):
    """GET: the user's own submissions, newest first, filtered and paginated.
    POST: submit code (202, then poll the submission or open its WebSocket)."""

    serializer_class = SubmissionSerializer
    filterset_class = SubmissionFilter
    filter_backends = [DjangoFilterBackend]  # paginated by ?limit=&offset= (settings)

    def get_queryset(self):
        return (
            Submission.objects.filter(user=self.request.user)
            .select_related("problem")
            .only(*SUBMISSION_LIST_FIELDS)
        )

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        if request.method == "POST":
            # Authentication's CSRF check may parse the form: keep the raw bytes first.
            request._request.body  # noqa: B018
        super().initial(request, *args, **kwargs)

    @extend_schema(
        request=SubmitSerializer,
        responses={202: SubmissionSerializer, 400: None, 413: None, 429: None},
    )
    def post(self, request: Request) -> Response:
        undecodable = find_undecodable(request.META.get("CONTENT_TYPE", ""), request._request.body)
        if undecodable:
            return Response(
                {"detail": undecodable.message(), undecodable.field: ["not UTF-8"]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        form = SubmitSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        problem = get_object_or_404(
            Problem.objects.only(*SUBMIT_FIELDS), slug=form.validated_data["problem"]
        )
        try:
            submission = create_submission(
                request.user, problem, form.validated_data["source"], form.validated_data["mode"]
            )
        except SubmissionRefused as refused:
            headers = {"Retry-After": str(refused.retry_after)} if refused.retry_after else {}
            return Response({"detail": refused.message}, status=refused.status, headers=headers)
        return Response(SubmissionSerializer(submission).data, status=status.HTTP_202_ACCEPTED)


class SubmissionDetail(generics.RetrieveAPIView):
    serializer_class = SubmissionSerializer

    def get_queryset(self):
        return Submission.objects.filter(
            user=self.request.user, context=Submission.Context.PRACTICE
        ).select_related("problem")


class SubmissionResult(APIView):
    @extend_schema(
        responses={
            200: inline_serializer("GradeResult", {"schema_version": serializers.IntegerField()}),
            409: None,
        }
    )
    def get(self, request: Request, pk: int) -> Response:
        submission = get_object_or_404(
            Submission.objects.exclude(context=Submission.Context.ASSESSMENT),
            pk=pk,
            user=request.user,
        )
        if not submission.is_done:
            return Response(
                {"detail": "not graded yet", "status": submission.status},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(submission.result)
