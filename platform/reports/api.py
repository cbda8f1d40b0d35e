"""Report data as JSON through the REST API, described in the OpenAPI schema. Members of the
position only (404 for anyone else, as on the pages)."""

from __future__ import annotations

from assessments import access
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reports import data


class ScoresSerializer(serializers.Serializer):
    """0-100 each; null when the check did not run (see `unchecked`)."""

    correctness = serializers.FloatField(allow_null=True)
    race_free = serializers.FloatField(allow_null=True)
    leak_free = serializers.FloatField(allow_null=True)
    deadlock_free = serializers.FloatField(allow_null=True)
    performance = serializers.FloatField(allow_null=True)
    static = serializers.FloatField(allow_null=True)
    total = serializers.FloatField(allow_null=True)


class SimilarSerializer(serializers.Serializer):
    attempt = serializers.IntegerField()
    score = serializers.FloatField()


class ItemSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()
    state = serializers.ChoiceField(["not_submitted", "grading", "graded", "answered"])
    verdict = serializers.CharField()
    scores = ScoresSerializer()
    unchecked = serializers.DictField(child=serializers.CharField())
    seconds = serializers.FloatField(allow_null=True)
    submissions = serializers.IntegerField()
    percentile = serializers.FloatField(allow_null=True)
    failing_tests = serializers.ListField(child=serializers.CharField())
    findings = serializers.DictField(child=serializers.IntegerField())
    pastes = serializers.IntegerField()
    similar = SimilarSerializer(many=True)


class InterviewSerializer(serializers.Serializer):
    session = serializers.IntegerField()
    title = serializers.CharField()
    interviewer = serializers.CharField()
    status = serializers.CharField()
    recommendation = serializers.CharField()
    recommendation_code = serializers.CharField()
    rubric = serializers.DictField()
    notes = serializers.CharField()
    replay = serializers.CharField()
    scorecard = serializers.CharField()


class CandidateReportSerializer(serializers.Serializer):
    attempt = serializers.IntegerField()
    assessment = serializers.IntegerField()
    position = serializers.IntegerField()
    candidate = serializers.CharField()
    status = serializers.ChoiceField(["working", "finished", "timed_out"])
    started_at = serializers.CharField()
    finished_at = serializers.CharField(allow_null=True)
    deadline = serializers.CharField()
    overall = ScoresSerializer()
    items = ItemSerializer(many=True)
    interviews = InterviewSerializer(many=True)
    report_url = serializers.CharField()


class ComparisonRowSerializer(serializers.Serializer):
    attempt = serializers.IntegerField()
    candidate = serializers.CharField()
    status = serializers.CharField()
    started_at = serializers.DateTimeField()
    minutes = serializers.FloatField()
    scores = ScoresSerializer()
    items = serializers.DictField(child=serializers.FloatField(allow_null=True))
    grading = serializers.IntegerField()
    pastes = serializers.IntegerField()
    flags = serializers.IntegerField()


class CandidateReport(APIView):
    @extend_schema(responses=CandidateReportSerializer, summary="A candidate's report")
    def get(self, request: Request, pk: int) -> Response:
        attempt = access.viewable_attempt(request.user, pk)
        return Response(CandidateReportSerializer(data.attempt_payload(attempt)).data)


class Comparison(APIView):
    @extend_schema(
        responses=ComparisonRowSerializer(many=True),
        summary="An assessment's candidates side by side",
    )
    def get(self, request: Request, pk: int) -> Response:
        assessment = access.viewable_assessment(request.user, pk)
        rows = data.comparison_rows(assessment)
        return Response(ComparisonRowSerializer(rows, many=True).data)
