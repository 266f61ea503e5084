from django.urls import path

from .views import board, matters

app_name = "matters"

urlpatterns = [
    # The list, the board, exports, the public list (views/board.py)
    path("", board.matter_list, name="matter_list"),
    path("board/", board.matter_board, name="matter_board"),
    path("export.csv", board.matter_export_csv, name="matter_export_csv"),
    path("export.xlsx", board.matter_export_xlsx, name="matter_export_xlsx"),
    path("register.pdf", board.matter_register_pdf, name="matter_register_pdf"),
    path("public/", board.public_list, name="public_list"),
    # One matter (views/matters.py)
    path("new/", matters.matter_create, name="matter_create"),
    path("<int:pk>/", matters.matter_detail, name="matter_detail"),
    path("<int:pk>/edit/", matters.matter_edit, name="matter_edit"),
    path("<int:pk>/submit/", matters.matter_submit, name="matter_submit"),
    path("<int:pk>/move/", matters.matter_move, name="matter_move"),
    path("<int:pk>/proposals/new/", matters.proposal_create, name="proposal_create"),
    path("<int:pk>/consultation/", matters.consultation_open, name="consultation_open"),
    path("<int:pk>/comments/", matters.comment_create, name="comment_create"),
    path("<int:pk>/forward/", matters.matter_forward, name="matter_forward"),
    path("<int:pk>/answer/", matters.matter_answer, name="matter_answer"),
    path("<int:pk>/attachments/new/", matters.attachment_create, name="attachment_create"),
    path("attachments/<int:pk>/", matters.attachment_download, name="attachment_download"),
    path("<int:pk>/letter/", matters.letter_download, name="letter_download"),
    path("<int:pk>/answer/file/", matters.answer_file_download, name="answer_file_download"),
]
