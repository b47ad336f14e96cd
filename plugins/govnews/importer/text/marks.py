"""Lines that are surely article text wherever they stand (contact lines, attachment lines,
the office that signs a notice), and the row of a data table as readers write it. Page chrome
never looks like these, so a related-links label above them does not end the article
(cmspage) and they are never headings (blocks)."""

from __future__ import annotations

import re

# contact lines a citizen needs: 监督电话：0356—3846005, 电话 86123456, 地址：…, 邮箱：…
CONTACT_LINE = re.compile(
    r"^[\s(（【]*(?:联系|咨询|监督|举报|投诉|服务|值班|办公|报名|受理|业务|热线)?(?:电话|手机|热线|传真|地址|邮箱|电子邮箱|"
    r"电子信箱|信箱|邮编|邮政编码|联系人|联系方式|E-?mail|QQ|微信|网址|公众号)(?:号码)?(?:\s*[:：]|\s+(?=[\d+(（]))|"
    r"(?<!\d)(?:0\d{2,3}\s*[-—–－]+\s*\d{7,8}|1[3-9]\d{9}|12345)(?!\d)", re.I)
# the issuing office of a notice (落款): 泽州县大阳镇人民政府, 中共某某镇委员会, 中共武进区委
ORG_LINE = re.compile(r"^[\u4e00-\u9fff（）()·]{2,38}(?:人民政府|政府|委员会|办公室|办事处|管委会|领导小组|指挥部|工作组|"
                      r"局|厅|处|科|所|站|中心|公司|集团|协会|学会|联合会|商会|党委|党工委|党组|党支部|支部|总支|工委|纪委|"
                      r"市委|区委|县委|镇委|乡委|"
                      r"监委|法院|检察院|医院|卫生院|学校|小学|中学|学院|幼儿园|大队|中队|支队|社区|居委会|村委会|合作社|"
                      r"宣传部|组织部|统战部|政法委|妇联|团委|共青团|工会|总工会|残联|红十字会|服务站|事务所)$")
# one attachment per line: 附件：1.政策问答.pdf, 附表2：…, 附件下载：…
ATTACHMENT = re.compile(r"^(?:附件|附表|附图|附)\s*(?:\d*|下载|列表)\s*[:：]")
# a row of a data table as readers write it (tables.py): | a | b |
TABLE_ROW = re.compile(r"^\|(?:[^|\n]*\|){2,}$")
