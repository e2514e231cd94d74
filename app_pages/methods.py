"""Data & methods: coverage, how extraction works, known limits, the ingest report and every table."""

import streamlit as st

from components import ui
from components.data import current, data_date, tables
from newsprep.tables import SCHEMA

view, filters, lang, present = current()
ui.title("数据与方法", "Data & methods", lang)
data = tables()
report = data["ingest_report"]
stories = data["articles"]["cluster_id"].nunique()
st.markdown(ui.say(
    f"""**覆盖范围**：{len(data['articles'])} 篇文章，{stories} 个独立报道（{int((report['status'] == 'duplicate').sum())} 篇重复、{int((report['status'] == 'failed').sum())} 个输入未能读取），
{len(data['organizations'])} 个机构，{len(data['events'])} 个事件，{len(data['funding'])} 轮融资。数据日期：{data_date()}。

**方法**：文章经编码识别、去除HTML与注音、繁转简、去除版权声明与相关新闻列表后分句；机构来自带别名的机构名录与按名称后缀的规则；
事件由触发词和参与机构确定，日期只按原文精度记录，不臆造年份；融资只取融资句中的金额，排除总投资、预算、年度投入等。每条事实都链接到原句和产生它的规则。""",
    f"""**Coverage**: {len(data['articles'])} articles telling {stories} distinct stories ({int((report['status'] == 'duplicate').sum())} duplicates, {int((report['status'] == 'failed').sum())} inputs could not be read),
{len(data['organizations'])} organizations, {len(data['events'])} events, {len(data['funding'])} funding rounds. Data as of {data_date()}.

**Method**: articles are decoded, stripped of HTML, pinyin readings and boilerplate, converted to Simplified and split into sentences.
Organizations come from a gazetteer with aliases plus rules on name endings; events from trigger words with participating organizations,
dated only as precisely as the text allows (a year is never invented); funding only from fundraising sentences (not facility costs, budgets or yearly spending).
Every fact links to its sentence and the rule that produced it.""", lang))
st.markdown(ui.say("**已知局限**：规则方法会漏掉名录外、名称不带机构后缀的品牌；地点未知的机构不上地图；“年份未知”的事件不进入时间轴。同一报道的转载、同一轮融资与同一事件的多篇报道各合并为一条（规则见 README），合并规则未覆盖的说法仍可能各记一次。",
                   "**Known limits**: brands outside the gazetteer without an institutional ending are missed; organizations without a known place are not on the map; events without a year stay off the timeline. Copies of one story, and several reports of one round or one event, are merged into one (rules in the README); reports the merge rules do not recognise as the same may still count twice.", lang))

st.subheader(ui.say("导入报告", "Ingest report", lang))
ui.table(report, hide_index=True, width="stretch")
st.subheader(ui.say("数据表", "Tables", lang))
name = st.selectbox(ui.say("数据表", "Table", lang), list(SCHEMA), format_func=lambda t: f"{t} ({len(data[t])})", key="table")
frame = data[name]
if frame.empty:
    st.info(ui.say(f"{name} 表为空。", f"The {name} table is empty.", lang))
else:
    ui.table(frame, hide_index=True, width="stretch",
                 column_config={column: st.column_config.Column(help=meaning) for column, _, meaning in SCHEMA[name]})
ui.downloads({name: frame}, name, lang, present)
