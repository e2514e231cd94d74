"""Admin: upload articles (files or a .zip); a background build adds what is new."""

import pandas as pd
import streamlit as st

from components import auth, ui
from components.data import current, tables_root
from components.jobs import build_job
from newsprep.build import uploads_dir
from newsprep.readers import SUPPORTED_SUFFIXES
from newsprep.uploads import REJECTED, STORED, store_uploads

auth.require_admin()
view, filters, lang, present = current()
ui.title("上传文章", "Upload articles", lang)
st.caption(ui.say("可上传 .txt .md .html .json .jsonl .csv 文件或它们的 .zip 压缩包。只处理新的文章；重复上传不会改变数据。",
                  "Upload .txt .md .html .json .jsonl .csv files, or a .zip of them. Only new articles are processed; "
                  "uploading the same files again changes nothing.", lang))

job = build_job()
with st.form("upload", clear_on_submit=True):
    files = st.file_uploader(ui.say("文件", "Files", lang), accept_multiple_files=True,
                             type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES] + ["zip"])
    submitted = st.form_submit_button(ui.say("上传并更新数据", "Upload and update the data", lang), icon=":material/upload:")

if submitted and not files:
    st.warning(ui.say("请先选择要上传的文件。", "Choose the files to upload first.", lang))
if submitted and files:
    rows = store_uploads(((f.name, f.getvalue()) for f in files), uploads_dir())
    st.session_state["_upload_rows"] = rows
    if any(r.status == STORED for r in rows):
        if not job.start(tables_root()):
            st.warning(ui.say("已有一个构建在运行；新文件已保存，将在下一次构建时处理。",
                              "A build is already running; the new files are saved and the next build takes them.", lang))
    else:
        st.info(ui.say("没有新文件，数据不变。", "Nothing new was uploaded; the data is unchanged.", lang))


@st.fragment(run_every=1.0)
def progress() -> None:
    rows = st.session_state.get("_upload_rows", [])
    if job.running:
        st.progress(job.done / max(job.total, 1), text=f"{job.done}/{job.total} · {job.label}")
        return
    if job.error:
        st.error(job.error)
    if not rows:
        return
    built = {}
    for row in job.report:  # the build's verdict on each stored file: ok, duplicate or failed
        built.setdefault(row.input_path.rsplit("/", 1)[-1], (row.status, row.reason))
    table = pd.DataFrame([{
        "file": r.name,
        "status": r.status if r.status == REJECTED else built.get(r.stored_as, (r.status, ""))[0],
        "reason": r.reason if r.status == REJECTED else built.get(r.stored_as, ("", r.reason))[1],
    } for r in rows])
    ui.table(table, hide_index=True, width="stretch", column_config={
        "file": ui.say("文件", "File", lang), "status": ui.say("结果", "Result", lang), "reason": ui.say("原因", "Reason", lang)})


progress()
