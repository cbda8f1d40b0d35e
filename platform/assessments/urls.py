from django.urls import path

from assessments import views

app_name = "assessments"

urlpatterns = [
    path("", views.position_list, name="positions"),
    path("positions/<int:pk>/", views.position_detail, name="position"),
    path("positions/<int:pk>/assessments/new/", views.new_assessment, name="new"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment"),
    path("assessments/<int:pk>/invite/", views.invite, name="invite"),
    path("assessments/<int:pk>/publish/", views.publish, name="publish"),
    path("attempts/<int:pk>/interview/", views.add_interview, name="add_interview"),
    path("mine/", views.mine, name="mine"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("take/<int:pk>/items/<int:number>/", views.take, name="take"),
    path("take/<int:pk>/items/<int:number>/draft/", views.save_draft, name="draft"),
    path("take/<int:pk>/items/<int:number>/submit/", views.submit, name="submit"),
    path("take/<int:pk>/items/<int:number>/answer/", views.answer, name="answer"),
    path("take/<int:pk>/items/<int:number>/hint/", views.hint, name="hint"),
    path("take/<int:pk>/items/<int:number>/state/", views.item_state, name="state"),
    path("take/<int:pk>/finish/", views.finish, name="finish"),
    path("take/<int:pk>/done/", views.done, name="done"),
]
