<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CaseRegistrationDialog</name>
    <message>
        <source>Register a case</source>
        <translation>登记哨件</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>哨件信息</translation>
    </message>
    <message>
        <source>Title *</source>
        <translation>标题 *</translation>
    </message>
    <message>
        <source>Short summary, e.g. 人行道占道经营</source>
        <translation>简要概括，例如：人行道占道经营</translation>
    </message>
    <message>
        <source>Description *</source>
        <translation>问题描述 *</translation>
    </message>
    <message>
        <source>What is wrong, since when, who is affected</source>
        <translation>出现了什么问题、从何时开始、影响到谁</translation>
    </message>
    <message>
        <source>Category *</source>
        <translation>类别 *</translation>
    </message>
    <message>
        <source>Sub-category</source>
        <translation>子类</translation>
    </message>
    <message>
        <source>Urgency *</source>
        <translation>紧急程度 *</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Street *</source>
        <translation>街道 *</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Address *</source>
        <translation>地址 *</translation>
    </message>
    <message>
        <source>Road, number, landmark</source>
        <translation>道路、门牌号、标志性建筑</translation>
    </message>
    <message>
        <source>Grid cell</source>
        <translation>网格编号</translation>
    </message>
    <message>
        <source>Longitude / latitude</source>
        <translation>经度 / 纬度</translation>
    </message>
    <message>
        <source>Longitude, e.g. 102.7205</source>
        <translation>经度，例如 102.7205</translation>
    </message>
    <message>
        <source>Latitude, e.g. 25.0478</source>
        <translation>纬度，例如 25.0478</translation>
    </message>
    <message>
        <source>Reporter (optional)</source>
        <translation>报告人（选填）</translation>
    </message>
    <message>
        <source>Reporter name</source>
        <translation>报告人姓名</translation>
    </message>
    <message>
        <source>Reporter phone</source>
        <translation>报告人电话</translation>
    </message>
    <message>
        <source>e.g. 138 0871 0000</source>
        <translation>例如：138 0871 0000</translation>
    </message>
    <message>
        <source>Photos and attachments</source>
        <translation>照片和附件</translation>
    </message>
    <message>
        <source>Saved in this computer&apos;s store first; it is sent to the district server at the next sync.</source>
        <translation>先保存在本机数据中，下次同步时发送到区级服务器。</translation>
    </message>
</context>
<context>
    <name>gw::AccountAdminClient</name>
    <message>
        <source>This client has no connection to a district server.</source>
        <translation>此客户端未连接区级服务器。</translation>
    </message>
    <message>
        <source>The district server&apos;s list of accounts cannot be read: %1</source>
        <translation>无法读取区级服务器返回的账号列表：%1</translation>
    </message>
    <message>
        <source>an entry is not a JSON object.</source>
        <translation>其中一项不是 JSON 对象。</translation>
    </message>
    <message>
        <source>The district server&apos;s answer cannot be read: %1</source>
        <translation>无法读取区级服务器的答复：%1</translation>
    </message>
    <message>
        <source>The district server&apos;s administrative log cannot be read: %1</source>
        <translation>无法读取区级服务器的管理日志：%1</translation>
    </message>
</context>
<context>
    <name>gw::AccountConsoleDialog</name>
    <message>
        <source>Saved account %1 (%2).</source>
        <translation>已保存账号 %1（%2）。</translation>
    </message>
    <message>
        <source>The accounts could not be loaded: %1</source>
        <translation>无法加载账号：%1</translation>
    </message>
    <message>
        <source>The administrative log could not be loaded: %1</source>
        <translation>无法加载管理日志：%1</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账号管理</translation>
    </message>
    <message>
        <source>Administrative log</source>
        <translation>管理日志</translation>
    </message>
    <message>
        <source>Search login id, name or unit</source>
        <translation>搜索账号、姓名或单位</translation>
    </message>
    <message>
        <source>All roles</source>
        <translation>全部角色</translation>
    </message>
    <message>
        <source>Login id</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>变更内容</translation>
    </message>
    <message>
        <source>New account…</source>
        <translation>新建账号…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Load older entries</source>
        <translation>加载更早的记录</translation>
    </message>
    <message>
        <source>Only administrators manage accounts.</source>
        <translation>只有系统管理员可以管理账号。</translation>
    </message>
    <message>
        <source>Working offline: accounts are managed on the district server. Sign in online to see and change them.</source>
        <translation>当前为离线工作：账号由区级服务器统一管理，请联网登录后查看和修改。</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) on the district server.</source>
        <translation>
            <numerusform>区级服务器上共有 %n 个账号。</numerusform>
        </translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>%1, must set a new password</source>
        <translation>%1，须设置新密码</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>You cannot disable your own account.</source>
        <translation>不能停用自己的账号。</translation>
    </message>
    <message>
        <source>Disable account</source>
        <translation>停用账号</translation>
    </message>
    <message>
        <source>Disable %1 (%2)? Their sessions end at once and they cannot sign in, online or offline, until the account is enabled again. Their unsent work stays on their computer.</source>
        <translation>停用 %1（%2）？其所有会话立即失效，在重新启用前无法在线或离线登录。其未发送的工作仍保留在其电脑上。</translation>
    </message>
    <message numerus="yes">
        <source>The administrative log is intact: %n entry(s), each linked to the one before.</source>
        <translation>
            <numerusform>管理日志完整：共 %n 条记录，逐条与前一条链接校验通过。</numerusform>
        </translation>
    </message>
    <message>
        <source>The administrative log has been tampered with: %1</source>
        <translation>管理日志已被篡改：%1</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>对象</translation>
    </message>
</context>
<context>
    <name>gw::AccountFormDialog</name>
    <message>
        <source>New account</source>
        <translation>新建账号</translation>
    </message>
    <message>
        <source>Change account %1</source>
        <translation>修改账号 %1</translation>
    </message>
    <message>
        <source>letters, digits, . _ -</source>
        <translation>字母、数字、. _ -</translation>
    </message>
    <message>
        <source>Account is enabled (can sign in)</source>
        <translation>账号已启用（可以登录）</translation>
    </message>
    <message>
        <source>You cannot change your own role or disable your own account.</source>
        <translation>不能修改自己的角色或停用自己的账号。</translation>
    </message>
    <message>
        <source>Login id:</source>
        <translation>账号：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>所属单位：</translation>
    </message>
    <message>
        <source>Initial password:</source>
        <translation>初始密码：</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <source>Must set a new password at the first sign-in</source>
        <translation>首次登录时必须设置新密码</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Assessment administrator: may change the district&apos;s indicator sets</source>
        <translation>考核管理员：可修改全区考核指标</translation>
    </message>
    <message>
        <source>A right beyond the role: given to the few people who keep the assessment&apos;s indicators, whatever their role.</source>
        <translation>角色之外的授权：授予负责维护考核指标的少数人员，不论其角色。</translation>
    </message>
    <message>
        <source>Grants:</source>
        <translation>授权：</translation>
    </message>
</context>
<context>
    <name>gw::AccountRules</name>
    <message>
        <source>A login id is 1 to 64 letters, digits, dots, dashes or underscores.</source>
        <translation>账号由 1 至 64 个字母、数字、点、短横线或下划线组成。</translation>
    </message>
    <message>
        <source>The login id &quot;system&quot; is reserved for the server.</source>
        <translation>账号“system”为服务器保留。</translation>
    </message>
    <message>
        <source>A display name is 1 to %1 characters.</source>
        <translation>姓名为 1 至 %1 个字符。</translation>
    </message>
    <message>
        <source>The display name contains control characters.</source>
        <translation>姓名中含有控制字符。</translation>
    </message>
    <message>
        <source>Unknown org unit &quot;%1&quot;.</source>
        <translation>未知的组织单位“%1”。</translation>
    </message>
    <message>
        <source>An account of a %1 must belong to %2, not to %3.</source>
        <translation>%1账号必须属于%2，不能属于%3。</translation>
    </message>
    <message>
        <source>Unknown grant &quot;%1&quot;.</source>
        <translation>未知的授权“%1”。</translation>
    </message>
    <message>
        <source>A grant is listed twice.</source>
        <translation>同一授权重复列出。</translation>
    </message>
</context>
<context>
    <name>gw::AccountStore</name>
    <message>
        <source>The login id %1 is already taken.</source>
        <translation>登录名 %1 已被占用。</translation>
    </message>
    <message>
        <source>creating account %1</source>
        <translation>创建账号 %1</translation>
    </message>
    <message>
        <source>There is no account %1.</source>
        <translation>不存在账号 %1。</translation>
    </message>
    <message>
        <source>updating account %1</source>
        <translation>更新账号 %1</translation>
    </message>
    <message>
        <source>setting the password of %1</source>
        <translation>设置 %1 的密码</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>checking a login</source>
        <translation>校验登录</translation>
    </message>
    <message>
        <source>Account %1 is disabled.</source>
        <translation>账号 %1 已停用。</translation>
    </message>
    <message>
        <source>issuing a session token</source>
        <translation>签发会话令牌</translation>
    </message>
    <message>
        <source>Log in first: the request carries no bearer token.</source>
        <translation>请先登录：请求中没有 bearer 令牌。</translation>
    </message>
    <message>
        <source>The session token is not valid.</source>
        <translation>会话令牌无效。</translation>
    </message>
    <message>
        <source>The session has expired. Log in again.</source>
        <translation>会话已过期。请重新登录。</translation>
    </message>
    <message>
        <source>checking a session token</source>
        <translation>校验会话令牌</translation>
    </message>
    <message>
        <source>The session token is not valid. Log in again.</source>
        <translation>会话令牌无效。请重新登录。</translation>
    </message>
    <message>
        <source>The session was logged out or revoked. Log in again.</source>
        <translation>会话已注销或被撤销。请重新登录。</translation>
    </message>
    <message>
        <source>The account of this session no longer exists.</source>
        <translation>该会话对应的账号已不存在。</translation>
    </message>
    <message>
        <source>revoking a session</source>
        <translation>撤销会话</translation>
    </message>
    <message>
        <source>revoking sessions</source>
        <translation>撤销会话</translation>
    </message>
    <message>
        <source>The current password is not right.</source>
        <translation>当前密码不正确。</translation>
    </message>
    <message>
        <source>changing the password of %1</source>
        <translation>修改 %1 的密码</translation>
    </message>
</context>
<context>
    <name>gw::AdminActions</name>
    <message>
        <source>&amp;Administration</source>
        <translation>系统管理(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Accounts…</source>
        <translation>账号管理(&amp;A)…</translation>
    </message>
    <message>
        <source>Create, change, disable accounts and reset passwords; the administrative log</source>
        <translation>新建、修改、停用账号，重置密码；管理日志</translation>
    </message>
    <message>
        <source>Work &amp;calendar…</source>
        <translation>工作日历(&amp;C)…</translation>
    </message>
    <message>
        <source>Public holidays and make-up workdays of each year, which every deadline is counted with</source>
        <translation>每年的法定节假日和调休上班日，所有办理时限都按它计算</translation>
    </message>
    <message numerus="yes">
        <source>The work calendar ends in %n day(s): enter %1…</source>
        <translation>
            <numerusform>工作日历还有 %n 天到期：请录入 %1 年…</numerusform>
        </translation>
    </message>
    <message>
        <source>The work calendar has ended: enter %1…</source>
        <translation>工作日历已到期：请录入 %1 年…</translation>
    </message>
    <message>
        <source>Deadlines after %1 count every weekday as a working day until the holidays of the next year are entered.</source>
        <translation>在录入下一年的节假日之前，%1 之后的时限把周一至周五都算作工作日。</translation>
    </message>
    <message>
        <source>Categories and &amp;deadline rules…</source>
        <translation>分类与时限规则(&amp;D)…</translation>
    </message>
    <message>
        <source>The departments&apos; check-in and handling deadlines and the step clocks of each category and urgency</source>
        <translation>各类别、各紧急程度下部门的报到时限、办结时限及各环节时限</translation>
    </message>
    <message>
        <source>&amp;Org directory and grid cells…</source>
        <translation>组织机构与网格(&amp;O)…</translation>
    </message>
    <message>
        <source>Streets, communities and their grid cells; departments and their duty contacts</source>
        <translation>街道、社区及其单元网格；职能部门及其值班联系人</translation>
    </message>
    <message>
        <source>&amp;Phrase templates…</source>
        <translation>常用语(&amp;P)…</translation>
    </message>
    <message>
        <source>The district&apos;s common phrases (常用语) for each text field of the forms</source>
        <translation>全区各表单文字栏目的常用语</translation>
    </message>
    <message>
        <source>Assessment &amp;indicators…</source>
        <translation>考核指标(&amp;I)…</translation>
    </message>
    <message>
        <source>The indicator sets the months are assessed with, by the month each takes effect</source>
        <translation>各月考核所用的指标体系，按生效月份管理</translation>
    </message>
</context>
<context>
    <name>gw::AdminLogEntry</name>
    <message>
        <source>administrative log entry</source>
        <translation>管理日志记录</translation>
    </message>
    <message>
        <source>An administrative log entry is numbered from 1.</source>
        <translation>管理日志记录的序号从 1 开始。</translation>
    </message>
    <message>
        <source>Account created</source>
        <translation>创建账号</translation>
    </message>
    <message>
        <source>Account changed</source>
        <translation>修改账号</translation>
    </message>
    <message>
        <source>Password reset by an administrator</source>
        <translation>管理员重置密码</translation>
    </message>
    <message>
        <source>Own password changed</source>
        <translation>本人修改密码</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>role: %1 → %2</source>
        <translation>角色：%1 → %2</translation>
    </message>
    <message>
        <source>unit: %1 → %2</source>
        <translation>单位：%1 → %2</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>name: %1 → %2</source>
        <translation>姓名：%1 → %2</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <source>%1, %2 of %3; active: %4; must set a new password: %5</source>
        <translation>%1，%3 %2；启用：%4；须设置新密码：%5</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1；%2</translation>
    </message>
    <message>
        <source>must set a new password: %1</source>
        <translation>须设置新密码：%1</translation>
    </message>
    <message>
        <source>Administrative log entry #%1 stands where #%2 should be: an entry was removed, inserted or moved.</source>
        <translation>管理日志第 #%1 条出现在第 #%2 条的位置：有记录被删除、插入或移动。</translation>
    </message>
    <message>
        <source>Administrative log entry #%1 (%2, %3) was changed after it was recorded.</source>
        <translation>管理日志第 #%1 条（%2，%3）在记录后被修改。</translation>
    </message>
    <message>
        <source>Administrative log entry #%1 does not follow the entry before it.</source>
        <translation>管理日志第 #%1 条与前一条记录不相衔接。</translation>
    </message>
    <message>
        <source>Reference data imported</source>
        <translation>导入基础数据</translation>
    </message>
    <message>
        <source>Calendar year set</source>
        <translation>设置年度工作日历</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n holiday period(s), %2 make-up workday(s); version %3; %4</source>
        <translation>
            <numerusform>%1 年：%n 个节假日，%2 个调休上班日；版本 %3；%4</numerusform>
        </translation>
    </message>
    <message>
        <source>version %1 from the data shipped with the server</source>
        <translation>版本 %1，来自服务器自带的数据</translation>
    </message>
    <message>
        <source>Category rules set</source>
        <translation>分类时限规则修改</translation>
    </message>
    <message>
        <source>no rule changed</source>
        <translation>规则未变</translation>
    </message>
    <message>
        <source>%1 (%2%3): %4; version %5</source>
        <translation>%1（%2%3）：%4；第 %5 版</translation>
    </message>
    <message>
        <source>, new</source>
        <translation>，新增</translation>
    </message>
    <message>
        <source>Office hours set</source>
        <translation>办公时间修改</translation>
    </message>
    <message>
        <source>%1–%2, %3–%4</source>
        <translation>%1–%2，%3–%4</translation>
    </message>
    <message>
        <source>%1 → %2; version %3</source>
        <translation>%1 → %2；第 %3 版</translation>
    </message>
    <message>
        <source>Org unit set</source>
        <translation>组织机构修改</translation>
    </message>
    <message>
        <source>Grid cell set</source>
        <translation>单元网格修改</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>nothing changed</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>Phrase templates set</source>
        <translation>常用语修改</translation>
    </message>
    <message>
        <source>added %1</source>
        <translation>新增 %1</translation>
    </message>
    <message>
        <source>removed %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <source>order changed</source>
        <translation>调整顺序</translation>
    </message>
    <message>
        <source>%1: %2; version %3</source>
        <translation>%1：%2；第 %3 版</translation>
    </message>
    <message>
        <source>Indicator set set</source>
        <translation>考核指标修改</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1、%2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>grants: %1 → %2</source>
        <translation>授权：%1 → %2</translation>
    </message>
    <message>
        <source>%1 (%2) in force from %3%4; version %5</source>
        <translation>%1（%2）自 %3 起生效%4；第 %5 版</translation>
    </message>
    <message>
        <source>, replacing the set of that month</source>
        <translation>，替换该月原有指标</translation>
    </message>
    <message>
        <source>Month&apos;s assessment published</source>
        <translation>月度考核已发布</translation>
    </message>
    <message>
        <source>%1, revision %2 (corrected: %3)</source>
        <translation>%1，第 %2 版（更正：%3）</translation>
    </message>
    <message>
        <source>%1; data up to server sequence %2; results %3</source>
        <translation>%1；数据截至服务器序号 %2；结果摘要 %3</translation>
    </message>
</context>
<context>
    <name>gw::AdminLogPage</name>
    <message>
        <source>administrative log</source>
        <translation>管理日志</translation>
    </message>
    <message>
        <source>Entry %1 of the administrative log cannot be read: %2</source>
        <translation>无法读取管理日志第 %1 条：%2</translation>
    </message>
    <message>
        <source>it is not a JSON object.</source>
        <translation>它不是 JSON 对象。</translation>
    </message>
</context>
<context>
    <name>gw::AdministrativeLog</name>
    <message>
        <source>reading the administrative log</source>
        <translation>读取管理日志</translation>
    </message>
    <message>
        <source>recording an administrative change</source>
        <translation>记录管理变更</translation>
    </message>
</context>
<context>
    <name>gw::ApiServer</name>
    <message>
        <source>No such endpoint.</source>
        <translation>没有该接口。</translation>
    </message>
    <message>
        <source>No such endpoint: %1</source>
        <translation>没有该接口：%1</translation>
    </message>
    <message>
        <source>The request body has %1 bytes; at most %2 are accepted here.</source>
        <translation>请求体有 %1 字节；此处最多接受 %2 字节。</translation>
    </message>
    <message>
        <source>The request body is not valid UTF-8.</source>
        <translation>请求体不是有效的 UTF-8。</translation>
    </message>
    <message>
        <source>Send the request body as application/json.</source>
        <translation>请以 application/json 格式发送请求体。</translation>
    </message>
    <message>
        <source>The request body is not valid JSON: %1 at byte %2.</source>
        <translation>请求体不是有效的 JSON：%1（第 %2 字节）。</translation>
    </message>
    <message>
        <source>The request body must be a JSON object.</source>
        <translation>请求体必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>%1 is not allowed on %2.</source>
        <translation>%2 不支持 %1 请求。</translation>
    </message>
    <message>
        <source>Log in with a JSON object {&quot;user&quot;: text, &quot;password&quot;: text}.</source>
        <translation>请使用 JSON 对象 {&quot;user&quot;: 文本, &quot;password&quot;: 文本} 登录。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Too many failed logins for %1. Wait %2 minutes and try again.</source>
        <translation>%1 登录失败次数过多。请等待 %2 分钟后重试。</translation>
    </message>
    <message>
        <source>&quot;after&quot; must be a cursor returned by the server (digits, optionally one dot).</source>
        <translation>“after”必须是服务器返回的游标（数字，可含一个小数点）。</translation>
    </message>
    <message>
        <source>&quot;limit&quot; must be a whole number from 1 to %1.</source>
        <translation>“limit”必须是 1 到 %1 之间的整数。</translation>
    </message>
    <message>
        <source>A case id is a UUID.</source>
        <translation>哨件 ID 必须是 UUID。</translation>
    </message>
    <message>
        <source>There is no case %1.</source>
        <translation>不存在哨件 %1。</translation>
    </message>
    <message>
        <source>Case %1 is outside your area of responsibility.</source>
        <translation>哨件 %1 不在您的责任范围内。</translation>
    </message>
    <message>
        <source>Only administrators manage accounts.</source>
        <translation>只有系统管理员可以管理账号。</translation>
    </message>
    <message>
        <source>A new account needs a password.</source>
        <translation>新账号需要设置密码。</translation>
    </message>
    <message>
        <source>Field &quot;%1&quot; has the wrong type.</source>
        <translation>字段“%1”的类型错误。</translation>
    </message>
    <message>
        <source>There is no account %1.</source>
        <translation>不存在账号 %1。</translation>
    </message>
    <message>
        <source>Unknown role &quot;%1&quot;.</source>
        <translation>未知角色“%1”。</translation>
    </message>
    <message>
        <source>You cannot disable your own account or take away your own administrator role.</source>
        <translation>不能停用自己的账号，也不能取消自己的系统管理员角色。</translation>
    </message>
    <message>
        <source>Only administrators and supervisors see server statistics.</source>
        <translation>只有系统管理员和督查考核人员可以查看服务器统计。</translation>
    </message>
    <message>
        <source>Only administrators manage the city exchange.</source>
        <translation>只有系统管理员可以管理市级平台对接。</translation>
    </message>
    <message>
        <source>The city exchange is not configured on this server (start it with --city-config).</source>
        <translation>本服务器未配置市级平台对接（请使用 --city-config 启动）。</translation>
    </message>
    <message>
        <source>%1 is not allowed here.</source>
        <translation>此处不支持 %1。</translation>
    </message>
    <message>
        <source>A message id is a UUID.</source>
        <translation>消息 ID 必须是 UUID。</translation>
    </message>
    <message>
        <source>No such city endpoint.</source>
        <translation>没有该市级平台接口。</translation>
    </message>
    <message>
        <source>The request body holds a raw control character at byte %1; JSON text must escape it.</source>
        <translation>请求体在第 %1 字节处含有未转义的控制字符；JSON 文本必须对其转义。</translation>
    </message>
    <message>
        <source>The store reported an unknown push outcome &quot;%1&quot;.</source>
        <translation>存储报告了未知的推送结果“%1”。</translation>
    </message>
    <message>
        <source>Change a password with {&quot;current&quot;: text, &quot;new&quot;: text}.</source>
        <translation>修改密码请提交 {&quot;current&quot;: 文本, &quot;new&quot;: 文本}。</translation>
    </message>
    <message>
        <source>Set a new password for %1 first; the current one was given to you by an administrator.</source>
        <translation>请先为 %1 设置新密码：当前密码由管理员设定。</translation>
    </message>
    <message>
        <source>Only administrators read the administrative log.</source>
        <translation>只有系统管理员可以查看管理日志。</translation>
    </message>
    <message>
        <source>&quot;before&quot; must be an entry number and &quot;limit&quot; a whole number from 1 to 1000.</source>
        <translation>“before”必须是记录序号，“limit”必须是 1 至 1000 的整数。</translation>
    </message>
    <message>
        <source>Only administrators change the district&apos;s reference data.</source>
        <translation>只有系统管理员可以修改全区基础数据。</translation>
    </message>
    <message>
        <source>The year in the path (%1) and in the body (%2) differ.</source>
        <translation>路径中的年份（%1）与内容中的年份（%2）不一致。</translation>
    </message>
    <message>
        <source>The category in the path (%1) and in the body (%2) differ.</source>
        <translation>路径中的类别（%1）与正文中的类别（%2）不一致。</translation>
    </message>
    <message>
        <source>The code in the path (%1) and in the body (%2) differ.</source>
        <translation>路径中的编码（%1）与正文中的编码（%2）不一致。</translation>
    </message>
    <message>
        <source>Send the phrases as {&quot;kind&quot;: text, &quot;phrases&quot;: [texts]}.</source>
        <translation>请以 {&quot;kind&quot;: 文本, &quot;phrases&quot;: [文本列表]} 提交常用语。</translation>
    </message>
    <message>
        <source>Only assessment administrators change the indicator sets.</source>
        <translation>只有考核管理员可以修改考核指标。</translation>
    </message>
    <message>
        <source>The reason must be text.</source>
        <translation>原因必须是文字。</translation>
    </message>
    <message>
        <source>%1 is not open to a new indicator set: the assessment has been published up to %2, and a published month keeps the set it was published with. Choose a month after %2.</source>
        <translation>%1 不能再启用新的指标集：考核已发布到 %2，已发布的月份保持发布时所用的指标集。请选择 %2 之后的月份。</translation>
    </message>
    <message>
        <source>expect must be the 32 hex digits of a reference item&apos;s tag.</source>
        <translation>expect 必须是参考数据条目标签的 32 位十六进制数字。</translation>
    </message>
</context>
<context>
    <name>gw::ApplicationContext</name>
    <message>
        <source>No data folder is set.</source>
        <translation>未设置数据文件夹。</translation>
    </message>
    <message>
        <source>Cannot create the data folder %1. Check that the disk is writable.</source>
        <translation>无法创建数据文件夹 %1。请检查磁盘是否可写。</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1（%2，%3）</translation>
    </message>
</context>
<context>
    <name>gw::AssessmentClient</name>
    <message>
        <source>working offline, not connected to the district server</source>
        <translation>离线工作，未连接区服务器</translation>
    </message>
    <message>
        <source>The district server&apos;s assessment cannot be read: %1</source>
        <translation>无法读取区服务器的考核结果：%1</translation>
    </message>
    <message>
        <source>Working offline: a month is published on the district server. Sign in online to publish it.</source>
        <translation>离线工作：月度考核在区服务器上发布。请联网登录后再发布。</translation>
    </message>
    <message>
        <source>The district server&apos;s answer cannot be read: %1</source>
        <translation>无法读取区服务器的答复：%1</translation>
    </message>
    <message>
        <source>The local store is not open.</source>
        <translation>本地数据库未打开。</translation>
    </message>
    <message>
        <source>A publication is already under way; wait for its answer.</source>
        <translation>正在发布，请等待服务器答复。</translation>
    </message>
</context>
<context>
    <name>gw::AssessmentEngine</name>
    <message>
        <source>Whole district</source>
        <translation>全区</translation>
    </message>
</context>
<context>
    <name>gw::AssessmentMetric</name>
    <message>
        <source>d</source>
        <comment>working days</comment>
        <translation>工作日</translation>
    </message>
    <message>
        <source>Cases registered</source>
        <translation>登记哨件数</translation>
    </message>
    <message>
        <source>Cases whistled</source>
        <translation>吹哨哨件数</translation>
    </message>
    <message>
        <source>Cases closed</source>
        <translation>结案哨件数</translation>
    </message>
    <message>
        <source>Whistle rate</source>
        <translation>吹哨率</translation>
    </message>
    <message>
        <source>Close rate</source>
        <translation>结案率</translation>
    </message>
    <message>
        <source>On-time check-in rate</source>
        <translation>按时报到率</translation>
    </message>
    <message>
        <source>On-time handling rate</source>
        <translation>按期处置率</translation>
    </message>
    <message>
        <source>Rework rate</source>
        <translation>返工率</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期数</translation>
    </message>
    <message>
        <source>Average handling time (working days)</source>
        <translation>平均处置用时（工作日）</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Postponement rate</source>
        <translation>延期率</translation>
    </message>
    <message>
        <source>Returned assignments</source>
        <translation>退回次数</translation>
    </message>
    <message>
        <source>Community rating (1-5)</source>
        <translation>社区评价（1-5分）</translation>
    </message>
    <message>
        <source>On-time step rate</source>
        <translation>按时流转率</translation>
    </message>
</context>
<context>
    <name>gw::AssessmentResultJson</name>
    <message>
        <source>assessment unit</source>
        <translation>考核单位</translation>
    </message>
    <message>
        <source>The figure %1 of %2 is not a number.</source>
        <translation>%2 的数值 %1 不是数字。</translation>
    </message>
    <message>
        <source>%1 is not a kind of org unit.</source>
        <translation>%1 不是一种组织机构类型。</translation>
    </message>
    <message>
        <source>An assessment unit is not a JSON object.</source>
        <translation>某个考核单位不是 JSON 对象。</translation>
    </message>
    <message>
        <source>assessment result</source>
        <translation>考核结果</translation>
    </message>
    <message>
        <source>assessment period</source>
        <translation>考核期间</translation>
    </message>
    <message>
        <source>The assessment period %1 ends before it starts.</source>
        <translation>考核期间 %1 的结束早于开始。</translation>
    </message>
    <message>
        <source>The count of category %1 is not a number.</source>
        <translation>类别 %1 的数量不是数字。</translation>
    </message>
    <message>
        <source>The count of status %1 cannot be read.</source>
        <translation>状态 %1 的数量无法读取。</translation>
    </message>
    <message>
        <source>month publication</source>
        <translation>月度发布</translation>
    </message>
    <message>
        <source>Publication %1 of month %2 cannot be read.</source>
        <translation>%2 月的第 %1 次发布无法读取。</translation>
    </message>
    <message>
        <source>month assessment</source>
        <translation>月度考核</translation>
    </message>
    <message>
        <source>%1 is not a month (yyyy-MM).</source>
        <translation>%1 不是月份（应为 yyyy-MM）。</translation>
    </message>
    <message>
        <source>assessment answer</source>
        <translation>考核答复</translation>
    </message>
    <message>
        <source>The answer holds %1 months; at most %2 are asked for.</source>
        <translation>答复包含 %1 个月，最多只应有 %2 个月。</translation>
    </message>
</context>
<context>
    <name>gw::AssessmentSource</name>
    <message>
        <source>The local store is not open.</source>
        <translation>本地数据未打开。</translation>
    </message>
    <message>
        <source>Cannot read cases for the assessment: %1</source>
        <translation>无法读取考核所需的哨件：%1</translation>
    </message>
    <message>
        <source>Loading cases was cancelled.</source>
        <translation>已取消加载哨件。</translation>
    </message>
    <message>
        <source>%1 stored cases could not be read and are missing from the figures.</source>
        <translation>有 %1 个已存储的哨件无法读取，未计入统计数据。</translation>
    </message>
</context>
<context>
    <name>gw::AttachmentCheck</name>
    <message>
        <source>The file name &quot;%1&quot; points outside its folder.</source>
        <translation>文件名“%1”指向其所在文件夹之外。</translation>
    </message>
    <message>
        <source>The attachment has no file name.</source>
        <translation>附件没有文件名。</translation>
    </message>
    <message>
        <source>The file name &quot;%1&quot; must not start with a dot.</source>
        <translation>文件名“%1”不能以点号开头。</translation>
    </message>
    <message>
        <source>The file name is too long: %1 characters, at most 255.</source>
        <translation>文件名过长：%1 个字符，最多 255 个。</translation>
    </message>
    <message>
        <source>The file name &quot;%1&quot; contains characters a file name cannot have.</source>
        <translation>文件名“%1”包含文件名中不允许的字符。</translation>
    </message>
    <message>
        <source>The file %1 is empty.</source>
        <translation>文件 %1 为空。</translation>
    </message>
    <message>
        <source>The file %1 is %2 MB; attachments may be at most %3 MB.</source>
        <translation>文件 %1 大小为 %2 MB；附件最大为 %3 MB。</translation>
    </message>
    <message>
        <source>Files of type &quot;%1&quot; cannot be attached; allowed are: %2.</source>
        <translation>不能添加“%1”类型的文件；允许的类型：%2。</translation>
    </message>
    <message>
        <source>The content of %1 is not a %2 file.</source>
        <translation>%1 的内容不是 %2 文件。</translation>
    </message>
    <message>
        <source>The file name &quot;%1&quot; must be a plain file name without a folder.</source>
        <translation>文件名“%1”必须是单纯的文件名，不能包含文件夹。</translation>
    </message>
</context>
<context>
    <name>gw::AttachmentDescriptor</name>
    <message>
        <source>attachment descriptor</source>
        <translation>附件描述</translation>
    </message>
    <message>
        <source>The attachment id &quot;%1…&quot; is too long.</source>
        <translation>附件 ID“%1…”过长。</translation>
    </message>
    <message>
        <source>The attachment %1 is larger than %2 MB.</source>
        <translation>附件 %1 超过 %2 MB。</translation>
    </message>
    <message>
        <source>The attachment %1 has no valid SHA-256 (64 lowercase hexadecimal digits).</source>
        <translation>附件 %1 没有有效的 SHA-256（64 位小写十六进制数字）。</translation>
    </message>
</context>
<context>
    <name>gw::AttachmentList</name>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 不是文件。</translation>
    </message>
    <message>
        <source>%1 is %2; attachments may be at most %3 MB.</source>
        <translation>%1 大小为 %2；附件最大为 %3 MB。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>At most %1 attachments per action.</source>
        <translation>每次操作最多 %1 个附件。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Add attachments</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Allowed: %1; at most %2 MB each, %3 files.</source>
        <translation>允许的类型：%1；每个最大 %2 MB，最多 %3 个文件。</translation>
    </message>
    <message>
        <source>Photos and documents (%1)</source>
        <translation>照片和文档（%1）</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>on this computer</source>
        <translation>在本机上</translation>
    </message>
    <message>
        <source>downloading…</source>
        <translation>正在下载…</translation>
    </message>
    <message>
        <source>on the server, download failed</source>
        <translation>在服务器上，下载失败</translation>
    </message>
    <message>
        <source>on the server</source>
        <translation>在服务器上</translation>
    </message>
    <message>
        <source>%1 (%2) — %3</source>
        <translation>%1（%2）— %3</translation>
    </message>
    <message>
        <source>Download and open</source>
        <translation>下载并打开</translation>
    </message>
    <message>
        <source>%1 is only on the server, and this program cannot download it.</source>
        <translation>%1 仅存在于服务器上，本程序无法下载。</translation>
    </message>
    <message>
        <source>Cannot write %1 to the temporary folder to open it: %2</source>
        <translation>无法将 %1 写入临时文件夹以打开：%2</translation>
    </message>
    <message>
        <source>No program on this computer opens %1.</source>
        <translation>本机上没有可以打开 %1 的程序。</translation>
    </message>
</context>
<context>
    <name>gw::AttachmentRepository</name>
    <message>
        <source>The server database failed while %1: %2</source>
        <translation>服务器数据库在%1时出错：%2</translation>
    </message>
    <message>
        <source>storing an attachment</source>
        <translation>存储附件</translation>
    </message>
    <message>
        <source>starting a transaction</source>
        <translation>开始事务</translation>
    </message>
    <message>
        <source>reading the attachment index position</source>
        <translation>读取附件索引位置</translation>
    </message>
    <message>
        <source>indexing attachment references</source>
        <translation>为附件引用建立索引</translation>
    </message>
    <message>
        <source>saving the attachment index position</source>
        <translation>保存附件索引位置</translation>
    </message>
    <message>
        <source>saving the attachment index</source>
        <translation>保存附件索引</translation>
    </message>
    <message>
        <source>reading attachment references</source>
        <translation>读取附件引用</translation>
    </message>
</context>
<context>
    <name>gw::AttachmentRoutes</name>
    <message>
        <source>Attachments are addressed as /api/v1/attachments/&lt;sha256&gt;.</source>
        <translation>附件的地址格式为 /api/v1/attachments/&lt;sha256&gt;。</translation>
    </message>
    <message>
        <source>The file has %1 bytes; attachments may be at most %2 MB.</source>
        <translation>该文件有 %1 字节；附件最大为 %2 MB。</translation>
    </message>
    <message>
        <source>An attachment is named by the SHA-256 of its content: 64 lowercase hexadecimal digits.</source>
        <translation>附件以其内容的 SHA-256 命名：64 位小写十六进制数字。</translation>
    </message>
    <message>
        <source>%1 is not allowed on attachments; use PUT to upload and GET to download.</source>
        <translation>附件不支持 %1 请求；请使用 PUT 上传，使用 GET 下载。</translation>
    </message>
    <message>
        <source>Name the file: PUT /api/v1/attachments/&lt;sha256&gt;?name=&lt;file name&gt;.</source>
        <translation>请为文件命名：PUT /api/v1/attachments/&lt;sha256&gt;?name=&lt;file name&gt;。</translation>
    </message>
    <message>
        <source>The file %1 is empty.</source>
        <translation>文件 %1 为空。</translation>
    </message>
    <message>
        <source>The file&apos;s content has SHA-256 %1, not %2 as named: it was changed or cut off on the way. Nothing was stored.</source>
        <translation>该文件内容的 SHA-256 为 %1，而不是名称中的 %2：文件在传输途中被修改或截断。未存储任何内容。</translation>
    </message>
    <message>
        <source>The file %1 was sent as %2, but its content is %3.</source>
        <translation>文件 %1 以 %2 类型发送，但其内容为 %3。</translation>
    </message>
    <message>
        <source>There is no attachment %1.</source>
        <translation>不存在附件 %1。</translation>
    </message>
    <message>
        <source>No case refers to this attachment, so nobody may download it.</source>
        <translation>没有哨件引用该附件，因此任何人都不能下载。</translation>
    </message>
    <message>
        <source>The attachment belongs only to cases outside your area of responsibility.</source>
        <translation>该附件仅属于您责任范围以外的哨件。</translation>
    </message>
    <message>
        <source>The attachment has not reached the server yet: the device that added it uploads it with its next sync. Try again later.</source>
        <translation>该附件尚未到达服务器：添加该附件的设备将在下次同步时上传。请稍后重试。</translation>
    </message>
    <message>
        <source>The attachment could not be read from the server database.</source>
        <translation>无法从服务器数据库读取该附件。</translation>
    </message>
</context>
<context>
    <name>gw::AttachmentStore</name>
    <message>
        <source>The attachment names no valid case.</source>
        <translation>附件未关联有效的哨件。</translation>
    </message>
    <message>
        <source>storing an attachment</source>
        <translation>存储附件</translation>
    </message>
    <message>
        <source>marking an attachment uploaded</source>
        <translation>标记附件已上传</translation>
    </message>
    <message>
        <source>There is no attachment %1.</source>
        <translation>不存在附件 %1。</translation>
    </message>
    <message>
        <source>The downloaded file %1 is not the one the case names (checksum differs).</source>
        <translation>下载的文件 %1 不是哨件中指定的文件（校验和不一致）。</translation>
    </message>
    <message>
        <source>storing a downloaded attachment</source>
        <translation>存储下载的附件</translation>
    </message>
</context>
<context>
    <name>gw::AttachmentTransfer</name>
    <message numerus="yes">
        <source>%n file(s) could not be uploaded.</source>
        <translation>
            <numerusform>%n 个文件无法上传。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 cannot be read from the local data file.</source>
        <translation>无法从本地数据文件读取 %1。</translation>
    </message>
    <message>
        <source>Uploading %1 failed: %2</source>
        <translation>上传 %1 失败：%2</translation>
    </message>
    <message>
        <source>The server refused %1: %2</source>
        <translation>服务器拒绝了 %1：%2</translation>
    </message>
    <message>
        <source>The case names the file %1 without a valid checksum; it cannot be fetched.</source>
        <translation>哨件中的文件 %1 没有有效的校验和，无法获取。</translation>
    </message>
    <message>
        <source>Downloading %1 failed: %2</source>
        <translation>下载 %1 失败：%2</translation>
    </message>
    <message>
        <source>The case names the file %1 in a form that cannot be read: %2</source>
        <translation>哨件中文件 %1 的描述无法读取：%2</translation>
    </message>
</context>
<context>
    <name>gw::AuditChain</name>
    <message>
        <source>Event %1 belongs to another case.</source>
        <translation>事件 %1 属于其他哨件。</translation>
    </message>
    <message>
        <source>Event #%1 is missing before event %2.</source>
        <translation>事件 %2 之前缺少第 %1 个事件。</translation>
    </message>
    <message>
        <source>Event %1 claims position #%2 but stands at #%3.</source>
        <translation>事件 %1 声称位于第 %2 位，实际位于第 %3 位。</translation>
    </message>
    <message>
        <source>Event #%1 (%2) was changed after it was recorded.</source>
        <translation>第 %1 个事件（%2）在记录后被篡改。</translation>
    </message>
    <message>
        <source>Event #%1 does not follow the event before it.</source>
        <translation>第 %1 个事件与前一个事件不衔接。</translation>
    </message>
</context>
<context>
    <name>gw::AuditVerifier</name>
    <message>
        <source>the stored event cannot be read (%1).</source>
        <translation>无法读取已存储的事件（%1）。</translation>
    </message>
    <message>
        <source>the stored columns (id, case, position, hash) disagree with the event body.</source>
        <translation>存储的列（id、case、position、hash）与事件正文不一致。</translation>
    </message>
    <message>
        <source>events exist for a case that has no case record.</source>
        <translation>存在事件，但所属哨件没有哨件记录。</translation>
    </message>
    <message>
        <source>the case record ends at position %1 but the stored chain has %2 events (events removed or added after the last one).</source>
        <translation>哨件记录止于第 %1 位，但存储的链中有 %2 个事件（最后一个事件之后有事件被删除或添加）。</translation>
    </message>
    <message>
        <source>the events do not replay: %1</source>
        <translation>事件无法重放：%1</translation>
    </message>
    <message>
        <source>the stored case state differs from the state its events produce.</source>
        <translation>存储的哨件状态与由其事件重放得出的状态不一致。</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>不是 JSON 对象</translation>
    </message>
    <message>
        <source>the case record exists but all its events are gone.</source>
        <translation>哨件记录存在，但其所有事件均已丢失。</translation>
    </message>
    <message>
        <source>the global event log has no event at server sequence %1 to %2 (deleted).</source>
        <translation>全局事件日志中缺少服务器序号 %1 至 %2 的事件（已被删除）。</translation>
    </message>
    <message>
        <source>Usage: gridwhistle-server verify --data-dir DIR [--database URL] [--config FILE]</source>
        <translation>用法：gridwhistle-server verify --data-dir DIR [--database URL] [--config FILE]</translation>
    </message>
    <message>
        <source>There is no server database %1.</source>
        <translation>不存在服务器数据库 %1。</translation>
    </message>
    <message>
        <source>Cannot verify the audit trail: %1</source>
        <translation>无法校验审计留痕：%1</translation>
    </message>
    <message>
        <source>event log</source>
        <translation>事件日志</translation>
    </message>
    <message>
        <source>case %1</source>
        <translation>哨件 %1</translation>
    </message>
    <message>
        <source>case %1 (%2)</source>
        <translation>哨件 %1（%2）</translation>
    </message>
    <message>
        <source>, event %1</source>
        <translation>，事件 %1</translation>
    </message>
    <message>
        <source>, server sequence %1</source>
        <translation>，服务器序号 %1</translation>
    </message>
    <message>
        <source>TAMPERED: %1: %2</source>
        <translation>已被篡改：%1：%2</translation>
    </message>
    <message>
        <source>The audit trail is intact.</source>
        <translation>审计留痕完好。</translation>
    </message>
    <message>
        <source>The audit trail has been tampered with: %1 finding(s).</source>
        <translation>审计留痕已被篡改：发现 %1 处问题。</translation>
    </message>
    <message>
        <source>Checked %1 events of %2 cases and %3 administrative log entries.</source>
        <translation>已检查 %2 个哨件的 %1 个事件和 %3 条管理日志记录。</translation>
    </message>
    <message>
        <source>administrative log</source>
        <translation>管理日志</translation>
    </message>
    <message numerus="yes">
        <source>Recomputed %n published month(s) from the case events.</source>
        <translation>
            <numerusform>已根据哨件事件重新计算 %n 个已发布月份。</numerusform>
        </translation>
    </message>
    <message>
        <source>published assessment %1</source>
        <translation>已发布考核 %1</translation>
    </message>
    <message>
        <source>(all)</source>
        <translation>（全部）</translation>
    </message>
</context>
<context>
    <name>gw::BulkActions</name>
    <message>
        <source>The case is not in the local store.</source>
        <translation>该哨件不在本地数据中。</translation>
    </message>
    <message>
        <source>These departments are already summoned to this case.</source>
        <translation>这些部门已被召集到该哨件。</translation>
    </message>
    <message numerus="yes">
        <source>Review %n case(s)</source>
        <translation>
            <numerusform>审核 %n 个哨件</numerusform>
        </translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Return for analysis</source>
        <translation>退回重新研判</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>不予通过</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>审核意见</translation>
    </message>
    <message>
        <source>Required when returning or rejecting; the same reason for every case</source>
        <translation>退回或不予通过时必填；所有哨件使用同一理由</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Each case is checked on its own; cases that cannot be reviewed now are listed afterwards with the reason.</source>
        <translation>每个哨件单独校验；当前无法审核的哨件将在之后列出并说明原因。</translation>
    </message>
    <message>
        <source>Give the reason for returning or rejecting.</source>
        <translation>请填写退回或不予通过的理由。</translation>
    </message>
    <message>
        <source>Bulk review</source>
        <translation>批量审核</translation>
    </message>
    <message numerus="yes">
        <source>Whistle %n case(s) to the same departments</source>
        <translation>
            <numerusform>将 %n 个哨件吹哨给相同部门</numerusform>
        </translation>
    </message>
    <message>
        <source>Lead department (主办)</source>
        <translation>主办部门</translation>
    </message>
    <message>
        <source>Assisting (协办)</source>
        <translation>协办部门</translation>
    </message>
    <message>
        <source>Deadlines follow each case&apos;s category and urgency. Each case is checked on its own; refused cases are listed afterwards with the reason.</source>
        <translation>处置期限按各哨件的类别和紧急程度确定。每个哨件单独校验；被拒绝的哨件将在之后列出并说明原因。</translation>
    </message>
    <message>
        <source>Bulk whistle</source>
        <translation>批量吹哨</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n case(s) done, %2 refused.</source>
        <translation>
            <numerusform>%n 个哨件中已完成 %1 个，%2 个被拒绝。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>gw::CalendarAdminDialog</name>
    <message>
        <source>Saving %1 on the district server…</source>
        <translation>正在把 %1 年保存到区服务器…</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Saved the %1 calendar as version %2 of the district&apos;s calendar. Every computer uses it after its next sync; this one already does.</source>
        <translation>已保存 %1 年工作日历，全区日历现为版本 %2。其他电脑在下次同步后使用，本机已经生效。</translation>
    </message>
    <message>
        <source>Notice:</source>
        <translation>通知文号：</translation>
    </message>
    <message>
        <source>Working offline: the calendar is shown as last synced and cannot be changed. It is kept on the district server; sign in online to change it.</source>
        <translation>离线工作：显示的是上次同步的日历，不能修改。日历保存在区服务器上，请联网登录后再修改。</translation>
    </message>
    <message>
        <source>Only administrators change the district&apos;s work calendar.</source>
        <translation>只有系统管理员可以修改全区工作日历。</translation>
    </message>
    <message>
        <source>Work calendar</source>
        <translation>工作日历</translation>
    </message>
    <message>
        <source>Add a year…</source>
        <translation>添加年份…</translation>
    </message>
    <message>
        <source>Import from file…</source>
        <translation>从文件导入…</translation>
    </message>
    <message>
        <source>e.g. 国办发明电〔2026〕7号</source>
        <translation>如：国办发明电〔2026〕7号</translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation>节假日</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Days off</source>
        <translation>放假天数</translation>
    </message>
    <message>
        <source>Make-up workday</source>
        <translation>调休上班日</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>Public holidays</source>
        <translation>法定节假日</translation>
    </message>
    <message>
        <source>Make-up workdays (调休上班)</source>
        <translation>调休上班日</translation>
    </message>
    <message>
        <source>Add holiday</source>
        <translation>添加节假日</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Add make-up workday</source>
        <translation>添加调休上班日</translation>
    </message>
    <message>
        <source>Save on the server</source>
        <translation>保存到服务器</translation>
    </message>
    <message>
        <source>The district&apos;s work calendar, version %1, changed by %2 at %3.</source>
        <translation>全区工作日历版本 %1，由 %2 于 %3 修改。</translation>
    </message>
    <message>
        <source>The work calendar shipped with GridWhistle; the district server&apos;s arrives with the next sync.</source>
        <translation>这是网格吹哨自带的工作日历；区服务器的日历将在下次同步时取得。</translation>
    </message>
    <message numerus="yes">
        <source>It ends on %1, in %n day(s): deadlines after that count every weekday as a working day. Enter %2 now.</source>
        <translation>
            <numerusform>日历到 %1 为止，还剩 %n 天：此后的时限将把周一至周五都算作工作日。请现在录入 %2 年。</numerusform>
        </translation>
    </message>
    <message>
        <source>It ended on %1: deadlines now count every weekday as a working day. Enter %2 now.</source>
        <translation>日历已于 %1 到期：现在的时限把周一至周五都算作工作日。请现在录入 %2 年。</translation>
    </message>
    <message>
        <source>It covers the years up to %1.</source>
        <translation>已排到 %1 年底。</translation>
    </message>
    <message>
        <source>%1 (not saved)</source>
        <translation>%1（未保存）</translation>
    </message>
    <message>
        <source>Add a year</source>
        <translation>添加年份</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>年份：</translation>
    </message>
    <message>
        <source>Enter the holidays and make-up workdays of %1 as the State Council&apos;s notice gives them, then save.</source>
        <translation>请按国务院办公厅的通知录入 %1 年的节假日和调休上班日，然后保存。</translation>
    </message>
    <message>
        <source>Holidays and make-up workdays of %1</source>
        <translation>%1 年节假日和调休安排</translation>
    </message>
    <message>
        <source>Not yet right: %1</source>
        <translation>尚需修改：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n holiday period(s)</source>
        <translation>
            <numerusform>%n 个节假日</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) off</source>
        <translation>
            <numerusform>共放假 %n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n make-up workday(s)</source>
        <translation>
            <numerusform>%n 个调休上班日</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 has %2 working days.</source>
        <translation>%1 年共 %2 个工作日。</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is too large for a calendar (at most %2 KiB).</source>
        <translation>%1 太大，不是工作日历（最多 %2 KiB）。</translation>
    </message>
    <message>
        <source>%1 is not a calendar: %2</source>
        <translation>%1 不是工作日历：%2</translation>
    </message>
    <message>
        <source>%1 holds no calendar year.</source>
        <translation>%1 中没有任何年份的日历。</translation>
    </message>
    <message>
        <source>%1 holds nothing the district server does not have already.</source>
        <translation>%1 中的内容区服务器上都已经有了。</translation>
    </message>
    <message>
        <source>Imported %1 from %2: check each year against the notice, then save it.</source>
        <translation>已从 %2 导入 %1 年：请对照通知逐年核对，然后保存。</translation>
    </message>
    <message>
        <source>Import a work calendar</source>
        <translation>导入工作日历</translation>
    </message>
    <message>
        <source>Calendar files (*.json)</source>
        <translation>日历文件 (*.json)</translation>
    </message>
    <message>
        <source>Saved the office hours as version %1 of the district&apos;s calendar. Step clocks on every computer count with them after its next sync; this one already does.</source>
        <translation>办公时间已保存为全区工作日历第 %1 版。各终端在下次同步后按此计算环节时限，本机已立即生效。</translation>
    </message>
</context>
<context>
    <name>gw::CalendarYear</name>
    <message>
        <source>A calendar year is from 2000 to 2100, not %1.</source>
        <translation>日历年份应在 2000 到 2100 之间，不能是 %1。</translation>
    </message>
    <message>
        <source>A year holds at most %1 holiday periods and %2 make-up workdays.</source>
        <translation>一年最多 %1 个节假日和 %2 个调休上班日。</translation>
    </message>
    <message>
        <source>The notice is at most %1 characters.</source>
        <translation>通知文号最多 %1 个字符。</translation>
    </message>
    <message>
        <source>a holiday</source>
        <translation>某个节假日</translation>
    </message>
    <message>
        <source>A holiday name is at most %1 characters.</source>
        <translation>节假日名称最多 %1 个字符。</translation>
    </message>
    <message>
        <source>%1: every day must fall in %2.</source>
        <translation>%1：每一天都必须在 %2 年内。</translation>
    </message>
    <message>
        <source>%1 ends (%2) before it starts (%3).</source>
        <translation>%1 的结束日期（%2）早于开始日期（%3）。</translation>
    </message>
    <message>
        <source>%1 and %2 overlap (%3).</source>
        <translation>%1 与 %2 的日期重叠（%3）。</translation>
    </message>
    <message>
        <source>The make-up workday %1 is not in %2.</source>
        <translation>调休上班日 %1 不在 %2 年内。</translation>
    </message>
    <message>
        <source>%1 is a weekday; a make-up workday (调休) is a Saturday or Sunday.</source>
        <translation>%1 是工作日；调休上班日应是星期六或星期日。</translation>
    </message>
    <message>
        <source>The make-up workday %1 falls inside %2.</source>
        <translation>调休上班日 %1 落在%2期间。</translation>
    </message>
    <message>
        <source>The make-up workday %1 is listed twice.</source>
        <translation>调休上班日 %1 重复填写。</translation>
    </message>
    <message>
        <source>A calendar year needs &quot;year&quot; as a whole number.</source>
        <translation>日历年份需要整数形式的 &quot;year&quot;。</translation>
    </message>
    <message>
        <source>&quot;notice&quot; must be text.</source>
        <translation>&quot;notice&quot;（通知文号）必须是文字。</translation>
    </message>
    <message>
        <source>&quot;holidays&quot; must be a list of {name, from, to}.</source>
        <translation>&quot;holidays&quot; 必须是 {name, from, to} 的列表。</translation>
    </message>
    <message>
        <source>A holiday is {&quot;name&quot;: text, &quot;from&quot;: YYYY-MM-DD, &quot;to&quot;: YYYY-MM-DD}.</source>
        <translation>节假日的格式是 {&quot;name&quot;: 名称, &quot;from&quot;: YYYY-MM-DD, &quot;to&quot;: YYYY-MM-DD}。</translation>
    </message>
    <message>
        <source>&quot;extraWorkdays&quot; must be a list of dates.</source>
        <translation>&quot;extraWorkdays&quot; 必须是日期列表。</translation>
    </message>
    <message>
        <source>Calendar date &quot;%1&quot; is not YYYY-MM-DD.</source>
        <translation>日历日期“%1”不是 YYYY-MM-DD 格式。</translation>
    </message>
</context>
<context>
    <name>gw::CaseActionDialog</name>
    <message>
        <source>Analyze (研判)</source>
        <translation>研判</translation>
    </message>
    <message>
        <source>Review (审核)</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Summon more departments</source>
        <translation>增派部门</translation>
    </message>
    <message>
        <source>Blow the whistle (吹哨)</source>
        <translation>发起吹哨</translation>
    </message>
    <message>
        <source>Check in (报到)</source>
        <translation>部门报到</translation>
    </message>
    <message>
        <source>Return the assignment (退回)</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Handling feedback (处置反馈)</source>
        <translation>处置反馈</translation>
    </message>
    <message>
        <source>Request a postponement (延期申请)</source>
        <translation>延期申请</translation>
    </message>
    <message>
        <source>Decide on a postponement (延期审批)</source>
        <translation>延期审批</translation>
    </message>
    <message>
        <source>Street handling result</source>
        <translation>街道处置结果</translation>
    </message>
    <message>
        <source>Verify the result (核查)</source>
        <translation>结果核查</translation>
    </message>
    <message>
        <source>Close the case (结案)</source>
        <translation>哨件结案</translation>
    </message>
    <message>
        <source>Escalate to the city (上报市级)</source>
        <translation>上报市级</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新启动</translation>
    </message>
    <message>
        <source>Comment (线上协同)</source>
        <translation>线上协同</translation>
    </message>
    <message>
        <source>Resume (恢复)</source>
        <translation>恢复办理</translation>
    </message>
    <message>
        <source>Put on hold (缓办)</source>
        <translation>缓办</translation>
    </message>
    <message>
        <source>Rate a department</source>
        <translation>评价部门</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1  %2
Status: %3</source>
        <translation>%1  %2
状态：%3</translation>
    </message>
    <message>
        <source>Last returned/rejected by %1: %2</source>
        <translation>最近一次被 %1 退回/不予通过：%2</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>(UTC+8)</source>
        <translation>（UTC+8）</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>处理意见</translation>
    </message>
    <message>
        <source>Needs a whistle (吹哨)</source>
        <translation>需要吹哨</translation>
    </message>
    <message>
        <source>Street handles it (街道自办)</source>
        <translation>街道自行处置</translation>
    </message>
    <message>
        <source>Duplicate: merge</source>
        <translation>重复件：合并</translation>
    </message>
    <message>
        <source>Analysis note</source>
        <translation>研判意见</translation>
    </message>
    <message>
        <source>Required when the street handles it or it is merged</source>
        <translation>街道自行处置或合并时必填</translation>
    </message>
    <message>
        <source>Street deadline</source>
        <translation>街道处置期限</translation>
    </message>
    <message>
        <source>Number (PL-…) or id of the case this one duplicates</source>
        <translation>重复的原哨件编号（PL-…）或 ID</translation>
    </message>
    <message>
        <source>Duplicate of</source>
        <translation>重复于</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Return for analysis</source>
        <translation>退回重新研判</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>不予通过</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Required when returning or rejecting</source>
        <translation>退回或不予通过时必填</translation>
    </message>
    <message>
        <source>Assisting departments</source>
        <translation>协办部门</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Note to the departments</source>
        <translation>给部门的说明</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <source>Check-in due</source>
        <translation>报到期限</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Optional: who handles it, first steps</source>
        <translation>选填：由谁处置、初步措施</translation>
    </message>
    <message>
        <source>Reason for returning</source>
        <translation>退回理由</translation>
    </message>
    <message>
        <source>Why this case is not your department&apos;s responsibility</source>
        <translation>为什么该哨件不属于本部门职责</translation>
    </message>
    <message>
        <source>Handling feedback</source>
        <translation>处置反馈</translation>
    </message>
    <message>
        <source>What was done, with what result</source>
        <translation>采取了哪些措施、取得了什么结果</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <source>Current deadline</source>
        <translation>当前期限</translation>
    </message>
    <message>
        <source>New deadline</source>
        <translation>新期限</translation>
    </message>
    <message>
        <source>Reason for postponement</source>
        <translation>延期理由</translation>
    </message>
    <message>
        <source>Why more time is needed</source>
        <translation>为什么需要更多时间</translation>
    </message>
    <message>
        <source>%1: to %2 (now %3) — %4</source>
        <translation>%1：延期至 %2（当前 %3）— %4</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>不同意</translation>
    </message>
    <message>
        <source>Required when denying</source>
        <translation>不同意时必填</translation>
    </message>
    <message>
        <source>What the street did, with what result</source>
        <translation>街道采取了哪些措施、取得了什么结果</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Street: %1</source>
        <translation>街道：%1</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>核查结果</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Rework (返工)</source>
        <translation>返工</translation>
    </message>
    <message>
        <source>Reason for rework</source>
        <translation>返工理由</translation>
    </message>
    <message>
        <source>Required for rework</source>
        <translation>返工时必填</translation>
    </message>
    <message>
        <source>Rework deadline</source>
        <translation>返工期限</translation>
    </message>
    <message>
        <source>Closing summary</source>
        <translation>结案小结</translation>
    </message>
    <message>
        <source>Callback result</source>
        <translation>回访结果</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Who was called (name or phone)</source>
        <translation>回访对象（姓名或电话）</translation>
    </message>
    <message>
        <source>Callback contact</source>
        <translation>回访对象</translation>
    </message>
    <message>
        <source>Called by</source>
        <translation>回访人</translation>
    </message>
    <message>
        <source>Reason for escalation</source>
        <translation>上报理由</translation>
    </message>
    <message>
        <source>Why the city must act</source>
        <translation>为什么需要市级处理</translation>
    </message>
    <message>
        <source>Reason for reopening</source>
        <translation>重新启动理由</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Resume the case</source>
        <translation>恢复办理该哨件</translation>
    </message>
    <message>
        <source>Put the case on hold (缓办)</source>
        <translation>缓办该哨件</translation>
    </message>
    <message>
        <source> / 5</source>
        <translation> / 5</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <source>Visible to everyone working on this case</source>
        <translation>参与处置该哨件的所有人员均可见</translation>
    </message>
    <message>
        <source>This text is too long: %1 characters, at most %2.</source>
        <translation>文本过长：%1 个字符，最多 %2 个。</translation>
    </message>
    <message>
        <source>Choose one.</source>
        <translation>请选择一项。</translation>
    </message>
    <message>
        <source>There is no department to choose.</source>
        <translation>没有可选择的部门。</translation>
    </message>
    <message>
        <source>Name the case this one duplicates.</source>
        <translation>请填写该哨件所重复的原哨件。</translation>
    </message>
    <message>
        <source>No case %1 in this store.</source>
        <translation>本地数据中没有哨件 %1。</translation>
    </message>
    <message>
        <source>Choose the departments to summon.</source>
        <translation>请选择要召集的部门。</translation>
    </message>
    <message>
        <source>Choose the lead department (主办).</source>
        <translation>请选择主办部门。</translation>
    </message>
    <message>
        <source>Record the callback result.</source>
        <translation>请填写回访结果。</translation>
    </message>
    <message>
        <source>This action is not made from this form.</source>
        <translation>该操作不通过此表单办理。</translation>
    </message>
    <message>
        <source>Not saved. Please correct the field marked in red.</source>
        <translation>未保存。请更正标红的字段。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Please correct the fields marked in red.</source>
        <translation>请更正标红的字段。</translation>
    </message>
    <message>
        <source>Needed when a deadline is later than the category&apos;s rule</source>
        <translation>时限晚于该类别规则时必填</translation>
    </message>
    <message>
        <source>Reason for a longer deadline</source>
        <translation>延长时限理由</translation>
    </message>
</context>
<context>
    <name>gw::CaseDetailWidget</name>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Choose a case in the list to see it here.</source>
        <translation>在列表中选择一个哨件即可在此查看。</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>哨件</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>Street / community</source>
        <translation>街道 / 社区</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Grid cell</source>
        <translation>网格编号</translation>
    </message>
    <message>
        <source>Longitude, latitude</source>
        <translation>经度，纬度</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>报告人</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>研判意见</translation>
    </message>
    <message>
        <source>Street handling</source>
        <translation>街道处置</translation>
    </message>
    <message>
        <source>Escalation / hold</source>
        <translation>上报 / 缓办</translation>
    </message>
    <message>
        <source>Callback / rework</source>
        <translation>回访 / 返工</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <source>Departments (吹哨报到)</source>
        <translation>部门（吹哨报到）</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Check-in due</source>
        <translation>报到期限</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>报到时间</translation>
    </message>
    <message>
        <source>Handling due</source>
        <translation>处置期限</translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>处置时间</translation>
    </message>
    <message>
        <source>Postponement</source>
        <translation>延期</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Timeline (吹哨全留痕)</source>
        <translation>时间线（吹哨全留痕）</translation>
    </message>
    <message>
        <source>This case is not in the local store (yet). Sync to fetch it.</source>
        <translation>该哨件（尚）不在本地数据中。请同步以获取。</translation>
    </message>
    <message>
        <source>Case %1 is outside your area of responsibility.</source>
        <translation>哨件 %1 不在您的责任范围内。</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>缓办中</translation>
    </message>
    <message>
        <source>Escalated to the city</source>
        <translation>已上报市级</translation>
    </message>
    <message>
        <source> (into %1)</source>
        <translation> （并入 %1）</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>期限 %1</translation>
    </message>
    <message>
        <source>escalated: %1</source>
        <translation>已上报：%1</translation>
    </message>
    <message>
        <source>on hold</source>
        <translation>缓办中</translation>
    </message>
    <message numerus="yes">
        <source>reworked %n time(s)</source>
        <translation>
            <numerusform>返工 %n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>reopened %n time(s)</source>
        <translation>
            <numerusform>重新启动 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>Lead 主办</source>
        <translation>主办</translation>
    </message>
    <message>
        <source>Assist 协办</source>
        <translation>协办</translation>
    </message>
    <message>
        <source>Returned by %1: %2</source>
        <translation>被 %1 退回：%2</translation>
    </message>
    <message>
        <source>Waiting: to %1 — %2</source>
        <translation>待审批：延期至 %1 — %2</translation>
    </message>
    <message numerus="yes">
        <source>Postponed %n time(s)</source>
        <translation>
            <numerusform>延期 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 / 5</source>
        <translation>%1 / 5</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation>%1 已超期</translation>
    </message>
    <message>
        <source>returned for analysis</source>
        <translation>退回重新研判</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>不予通过</translation>
    </message>
    <message>
        <source>returned the assignment of %1</source>
        <translation>退回了 %1 的任务</translation>
    </message>
    <message>
        <source>sent back for rework</source>
        <translation>退回返工</translation>
    </message>
    <message>
        <source>denied the postponement of %1</source>
        <translation>不同意 %1 的延期申请</translation>
    </message>
    <message>
        <source>reopened</source>
        <translation>重新启动</translation>
    </message>
    <message>
        <source>%1  %2 (%3) %4: %5</source>
        <translation>%1  %2（%3）%4：%5</translation>
    </message>
    <message>
        <source>Returns and rejections:
%1</source>
        <translation>退回与不予通过记录：
%1</translation>
    </message>
    <message>
        <source>Nothing for you to do on this case now.</source>
        <translation>您当前无需对该哨件进行操作。</translation>
    </message>
    <message>
        <source>Files (附件)</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Print case…</source>
        <translation>打印哨件单…</translation>
    </message>
    <message>
        <source>Print this case&apos;s sheet (哨件单) with a preview first (Ctrl+P)</source>
        <translation>先预览、再打印本哨件的哨件单（Ctrl+P）</translation>
    </message>
    <message>
        <source>%1 (weekdays only)</source>
        <translation>%1（按周一至周五计）</translation>
    </message>
</context>
<context>
    <name>gw::CaseEvent</name>
    <message>
        <source>Event field &quot;%1&quot; must be a string.</source>
        <translation>事件字段“%1”必须是字符串。</translation>
    </message>
    <message>
        <source>Event id &quot;%1&quot; is not a UUID.</source>
        <translation>事件 ID“%1”不是 UUID。</translation>
    </message>
    <message>
        <source>Case id &quot;%1&quot; is not a UUID.</source>
        <translation>哨件 ID“%1”不是 UUID。</translation>
    </message>
    <message>
        <source>Event caseSeq must be a positive whole number.</source>
        <translation>事件 caseSeq 必须是正整数。</translation>
    </message>
    <message>
        <source>Unknown event type &quot;%1&quot;.</source>
        <translation>未知的事件类型“%1”。</translation>
    </message>
    <message>
        <source>Event payload must be a JSON object.</source>
        <translation>事件内容（payload）必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>Unknown role &quot;%1&quot;.</source>
        <translation>未知角色“%1”。</translation>
    </message>
    <message>
        <source>Actor, org unit and device must be at most 64 characters.</source>
        <translation>操作人、组织单位和设备最多 64 个字符。</translation>
    </message>
    <message>
        <source>Event clientTime is not an ISO 8601 time.</source>
        <translation>事件 clientTime 不是 ISO 8601 时间。</translation>
    </message>
    <message>
        <source>Event prev must be a hex SHA-256 or empty.</source>
        <translation>事件 prev 必须是十六进制 SHA-256 或为空。</translation>
    </message>
    <message>
        <source>Event hash must be a hex SHA-256.</source>
        <translation>事件 hash 必须是十六进制 SHA-256。</translation>
    </message>
    <message>
        <source>Event actor must not be empty.</source>
        <translation>事件操作人不能为空。</translation>
    </message>
    <message>
        <source>Event clientTime must name its time zone (&quot;Z&quot; or an offset).</source>
        <translation>事件 clientTime 必须注明时区（“Z”或偏移量）。</translation>
    </message>
    <message>
        <source>Event serverSeq must be a positive whole number.</source>
        <translation>事件 serverSeq 必须是正整数。</translation>
    </message>
    <message>
        <source>Event serverTime is not an ISO 8601 time with a time zone.</source>
        <translation>事件 serverTime 不是带时区的 ISO 8601 时间。</translation>
    </message>
    <message>
        <source>Event clientTime must lie between the years 1 and 9999 in UTC.</source>
        <translation>事件 clientTime 必须在 UTC 公元 1 年至 9999 年之间。</translation>
    </message>
    <message>
        <source>Event serverTime must lie between the years 1 and 9999 in UTC.</source>
        <translation>事件 serverTime 必须在 UTC 公元 1 年至 9999 年之间。</translation>
    </message>
</context>
<context>
    <name>gw::CaseFilterBar</name>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Any street</source>
        <translation>全部街道</translation>
    </message>
    <message>
        <source>Any department</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <source>Any category</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Any urgency</source>
        <translation>全部紧急程度</translation>
    </message>
    <message>
        <source>Search number, title, description, address (Ctrl+F)</source>
        <translation>搜索编号、标题、描述、地址（Ctrl+F）</translation>
    </message>
    <message>
        <source>Full-text search; results update as you type</source>
        <translation>全文搜索；输入时即时更新结果</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>仅显示超期</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <source>Only cases registered in this date range (both days included)</source>
        <translation>仅显示在此日期范围内登记的哨件（含起止日期）</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Department summoned to the case</source>
        <translation>该哨件召集的部门</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
</context>
<context>
    <name>gw::CaseListActions</name>
    <message>
        <source>&amp;Case</source>
        <translation>哨件(&amp;C)</translation>
    </message>
    <message>
        <source>Approve, return or reject every selected case at once (审核)</source>
        <translation>对所选哨件一并审核：通过、退回重新研判或不予通过</translation>
    </message>
    <message>
        <source>Whistle every selected case to the same departments (发起吹哨)</source>
        <translation>将所选哨件一并吹哨给相同的部门</translation>
    </message>
    <message numerus="yes">
        <source>Bulk &amp;review %n selected case(s)…</source>
        <translation>
            <numerusform>批量审核（所选 %n 件）(&amp;R)…</numerusform>
        </translation>
    </message>
    <message>
        <source>Bulk &amp;review…</source>
        <translation>批量审核(&amp;R)…</translation>
    </message>
    <message numerus="yes">
        <source>Bulk &amp;whistle %n selected case(s)…</source>
        <translation>
            <numerusform>批量发起吹哨（所选 %n 件）(&amp;W)…</numerusform>
        </translation>
    </message>
    <message>
        <source>Bulk &amp;whistle…</source>
        <translation>批量发起吹哨(&amp;W)…</translation>
    </message>
    <message>
        <source>Choose a case in the list first.</source>
        <translation>请先在列表中选择哨件。</translation>
    </message>
</context>
<context>
    <name>gw::CaseListExport</name>
    <message>
        <source>Not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>已同步</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期数</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n case(s)…</source>
        <translation>
            <numerusform>正在导出 %n 个哨件…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>已取消导出；未写入任何文件。</translation>
    </message>
</context>
<context>
    <name>gw::CaseLog</name>
    <message>
        <source>preparing statements</source>
        <translation>准备语句</translation>
    </message>
    <message>
        <source>applying server events</source>
        <translation>应用服务器事件</translation>
    </message>
    <message>
        <source>Event %1 is already stored.</source>
        <translation>事件 %1 已存储。</translation>
    </message>
    <message>
        <source>Event %1 would take position #%2 of its case, which is already taken.</source>
        <translation>事件 %1 将占用所属哨件的第 %2 位，但该位置已被占用。</translation>
    </message>
    <message>
        <source>storing an event</source>
        <translation>存储事件</translation>
    </message>
    <message>
        <source>storing the case</source>
        <translation>存储哨件</translation>
    </message>
    <message>
        <source>updating the search index</source>
        <translation>更新搜索索引</translation>
    </message>
    <message>
        <source>removing a case</source>
        <translation>删除哨件</translation>
    </message>
    <message>
        <source>numbering</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>The action has no valid event or case id.</source>
        <translation>该操作没有有效的事件 ID 或哨件 ID。</translation>
    </message>
    <message>
        <source>queueing the action for sending</source>
        <translation>将操作加入待发送队列</translation>
    </message>
    <message>
        <source>re-sealing local actions</source>
        <translation>重新封存本地操作</translation>
    </message>
    <message>
        <source>rebuilding the search index</source>
        <translation>重建搜索索引</translation>
    </message>
    <message>
        <source>reading the outbox</source>
        <translation>读取待发送队列</translation>
    </message>
    <message>
        <source>This case is read-only for you on this computer: %1&apos;s actions on it are not sent yet. They are sent when %1 signs in here again.</source>
        <translation>此哨件在本机对您只读：%1 在此哨件上的操作尚未发送，将在 %1 再次于本机登录时发送。</translation>
    </message>
</context>
<context>
    <name>gw::CaseRegistrationDialog</name>
    <message>
        <source>Register</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>(whole street)</source>
        <translation>（全街道）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Grid cell</source>
        <translation>网格编号</translation>
    </message>
    <message>
        <source>Reporter name</source>
        <translation>报告人姓名</translation>
    </message>
    <message>
        <source>Choose a category.</source>
        <translation>请选择类别。</translation>
    </message>
    <message>
        <source>Choose a street.</source>
        <translation>请选择街道。</translation>
    </message>
    <message>
        <source>Give both longitude and latitude, or neither.</source>
        <translation>经度和纬度须同时填写或同时不填。</translation>
    </message>
    <message>
        <source>Longitude and latitude are decimal degrees, e.g. 102.7205 and 25.0478.</source>
        <translation>经纬度为十进制度数，例如 102.7205 和 25.0478。</translation>
    </message>
    <message>
        <source>Longitude must be within ±180 and latitude within ±90.</source>
        <translation>经度须在 ±180 以内，纬度须在 ±90 以内。</translation>
    </message>
    <message>
        <source>Please correct the fields marked in red.</source>
        <translation>请更正标红的字段。</translation>
    </message>
    <message>
        <source>The case was not saved. Please correct the field marked in red.</source>
        <translation>哨件未保存。请更正标红的字段。</translation>
    </message>
    <message>
        <source>The case was not saved: %1</source>
        <translation>哨件未保存：%1</translation>
    </message>
    <message>
        <source>Pick from the list, or type a code or name</source>
        <translation>从列表中选择，或输入网格编码、名称</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a grid cell of %2. Pick one from the list.</source>
        <translation>“%1”不是%2的单元网格，请从列表中选择。</translation>
    </message>
    <message>
        <source>Several communities have a grid cell named &quot;%1&quot;. Choose the community, or pick the cell from the list.</source>
        <translation>多个社区都有名为“%1”的单元网格。请先选择社区，或从列表中选择网格。</translation>
    </message>
</context>
<context>
    <name>gw::CaseSheet</name>
    <message>
        <source>Case facts</source>
        <translation>基本情况</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>发生位置</translation>
    </message>
    <message>
        <source>Departments and deadlines</source>
        <translation>吹哨部门与办理时限</translation>
    </message>
    <message>
        <source>No department has been summoned.</source>
        <translation>尚未吹哨调度部门。</translation>
    </message>
    <message>
        <source>Feedback: %1</source>
        <translation>处置反馈：%1</translation>
    </message>
    <message>
        <source>Rated %1 / 5</source>
        <translation>评分 %1 / 5</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>办理过程（吹哨全留痕）</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件清单</translation>
    </message>
    <message>
        <source>No attachments.</source>
        <translation>无附件。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Added with</source>
        <translation>来源环节</translation>
    </message>
    <message>
        <source>SHA-256 (start)</source>
        <translation>SHA-256（前16位）</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1（%2，%3）</translation>
    </message>
    <message>
        <source>Verification result</source>
        <translation>核查结果</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>核查结论</translation>
    </message>
    <message>
        <source>Not verified yet.</source>
        <translation>尚未核查。</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>留痕校验</translation>
    </message>
    <message>
        <source>Printed %1 (UTC+8)</source>
        <translation>打印时间：%1（UTC+8）</translation>
    </message>
    <message>
        <source>Case Sheet</source>
        <translation>哨件单</translation>
    </message>
    <message>
        <source>Filed by (signature): ____________________    Date: ____________</source>
        <translation>经办人（签字）：____________________    日期：____________</translation>
    </message>
    <message>
        <source>GridWhistle case sheet · %1 · printed %2</source>
        <translation>网格吹哨 哨件单 · %1 · 打印于 %2</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>Case %1 is not in the local store.</source>
        <translation>哨件 %1 不在本地数据中。</translation>
    </message>
    <message>
        <source>Case sheet %1</source>
        <translation>哨件单 %1</translation>
    </message>
</context>
<context>
    <name>gw::CaseStatus</name>
    <message>
        <source>Registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>Analyzed</source>
        <translation>已研判</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Whistled</source>
        <translation>已吹哨</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>处置中</translation>
    </message>
    <message>
        <source>Street handling</source>
        <translation>街道自行处置</translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>已处置</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>核查通过</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>审核不通过</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
</context>
<context>
    <name>gw::CaseStore</name>
    <message>
        <source>rebuilding the search index</source>
        <translation>重建搜索索引</translation>
    </message>
    <message>
        <source>The SQLite driver gives no connection handle.</source>
        <translation>SQLite 驱动未提供连接句柄。</translation>
    </message>
    <message>
        <source>Qt&apos;s SQLite driver uses SQLite %1, this program %2; both must use the same system SQLite library.</source>
        <translation>Qt 的 SQLite 驱动使用 SQLite %1，本程序使用 %2；两者必须使用同一个系统 SQLite 库。</translation>
    </message>
    <message>
        <source>upgrading the stored cases</source>
        <translation>升级已存储的哨件</translation>
    </message>
</context>
<context>
    <name>gw::CaseTableModel</name>
    <message>
        <source>%1 (lead)</source>
        <translation>%1（主办）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Overdue: the deadline was %1.</source>
        <translation>已超期：期限为 %1。</translation>
    </message>
    <message>
        <source>Next deadline: %1</source>
        <translation>下一期限：%1</translation>
    </message>
    <message>
        <source>On hold.</source>
        <translation>缓办中。</translation>
    </message>
    <message>
        <source>Escalated to the city platform.</source>
        <translation>已上报市级平台。</translation>
    </message>
    <message>
        <source>Has changes not yet accepted by the district server.</source>
        <translation>有尚未被区级服务器接受的变更。</translation>
    </message>
    <message>
        <source>Departments: %1</source>
        <translation>部门：%1</translation>
    </message>
    <message>
        <source>%1 · on hold</source>
        <translation>%1 · 缓办中</translation>
    </message>
    <message>
        <source>%1 · escalated</source>
        <translation>%1 · 已上报</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Next deadline</source>
        <translation>下一期限</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Click to sort by this column</source>
        <translation>点击按此列排序</translation>
    </message>
    <message>
        <source>Marks cases with changes not yet accepted by the district server</source>
        <translation>标记有尚未被区级服务器接受的变更的哨件</translation>
    </message>
    <message>
        <source>%1+</source>
        <translation>%1+</translation>
    </message>
    <message>
        <source>Step: %1</source>
        <translation>环节：%1</translation>
    </message>
</context>
<context>
    <name>gw::CaseTimelineWidget</name>
    <message>
        <source>satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>no callback result</source>
        <translation>无回访结果</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>Time (UTC+8)</source>
        <translation>时间（UTC+8）</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>District server</source>
        <translation>区级服务器</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 [%2] at %3</source>
        <translation>%1 [%2]，地点：%3</translation>
    </message>
    <message numerus="yes">
        <source>, %n attachment(s)</source>
        <translation>
            <numerusform>，%n 个附件</numerusform>
        </translation>
    </message>
    <message>
        <source>street handles it, due %1</source>
        <translation>街道自行处置，期限 %1</translation>
    </message>
    <message>
        <source>duplicate, merged</source>
        <translation>重复件，已合并</translation>
    </message>
    <message>
        <source>needs a whistle</source>
        <translation>需要吹哨</translation>
    </message>
    <message>
        <source>, urgency %1</source>
        <translation>，紧急程度 %1</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>returned for analysis</source>
        <translation>退回重新研判</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>不予通过</translation>
    </message>
    <message>
        <source>%1 (%2, check in by %3, handle by %4)</source>
        <translation>%1（%2，%3 前报到，%4 前处置完毕）</translation>
    </message>
    <message>
        <source>lead</source>
        <translation>主办</translation>
    </message>
    <message>
        <source>assisting</source>
        <translation>协办</translation>
    </message>
    <message numerus="yes">
        <source> (%n evidence file(s))</source>
        <translation>
            <numerusform> （%n 个佐证文件）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 asks for %2</source>
        <translation>%1 申请延期至 %2</translation>
    </message>
    <message>
        <source>%1: approved</source>
        <translation>%1：同意</translation>
    </message>
    <message>
        <source>%1: denied</source>
        <translation>%1：不同意</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>rework</source>
        <translation>返工</translation>
    </message>
    <message>
        <source>, due %1</source>
        <translation>，期限 %1</translation>
    </message>
    <message>
        <source>callback: %1</source>
        <translation>回访：%1</translation>
    </message>
    <message>
        <source> (%1 called %2)</source>
        <translation> （%1 回访了 %2）</translation>
    </message>
    <message>
        <source>on hold</source>
        <translation>缓办中</translation>
    </message>
    <message>
        <source>resumed</source>
        <translation>恢复办理</translation>
    </message>
    <message>
        <source>%1: %2 / 5</source>
        <translation>%1：%2 / 5</translation>
    </message>
    <message>
        <source>number %1</source>
        <translation>编号 %1</translation>
    </message>
    <message>
        <source>Hash verified</source>
        <translation>哈希已校验</translation>
    </message>
    <message>
        <source>pending sync</source>
        <translation>待同步</translation>
    </message>
    <message>
        <source>synced #%1</source>
        <translation>已同步 #%1</translation>
    </message>
    <message numerus="yes">
        <source>✓ Audit chain verified: %n event(s), none altered.</source>
        <translation>
            <numerusform>✓ 审计链校验通过：%n 个事件，均未被篡改。</numerusform>
        </translation>
    </message>
    <message>
        <source>✗ Audit chain broken at event %1: %2</source>
        <translation>✗ 审计链在事件 %1 处断裂：%2</translation>
    </message>
    <message>
        <source>%1 · %2
%3</source>
        <translation>%1 · %2
%3</translation>
    </message>
    <message>
        <source> · </source>
        <translation> · </translation>
    </message>
    <message>
        <source>Longer deadline because: %1</source>
        <translation>放宽时限理由：%1</translation>
    </message>
</context>
<context>
    <name>gw::Category</name>
    <message>
        <source>A category id is 1 to 48 lower-case letters, digits or _, starting with a letter; &quot;%1&quot; is not one.</source>
        <translation>类别编号须为 1 至 48 个小写字母、数字或下划线，并以字母开头；“%1”不符合。</translation>
    </message>
    <message>
        <source>Category %1 needs a name of at most %2 characters.</source>
        <translation>类别 %1 需要名称，且不超过 %2 个字符。</translation>
    </message>
    <message>
        <source>Sub-category %1 of %2 appears twice.</source>
        <translation>%2 的子类 %1 重复出现。</translation>
    </message>
    <message>
        <source>check-in deadline</source>
        <translation>报到时限</translation>
    </message>
    <message>
        <source>handling deadline</source>
        <translation>办结时限</translation>
    </message>
    <message>
        <source>analysis (working hours)</source>
        <translation>研判（工作小时）</translation>
    </message>
    <message>
        <source>review (working hours)</source>
        <translation>审核（工作小时）</translation>
    </message>
    <message>
        <source>whistle (working hours)</source>
        <translation>发起吹哨（工作小时）</translation>
    </message>
    <message>
        <source>verification (working hours)</source>
        <translation>核查（工作小时）</translation>
    </message>
    <message>
        <source>closing (working hours)</source>
        <translation>结案（工作小时）</translation>
    </message>
    <message>
        <source>%1 · %2: %3 → %4</source>
        <translation>%1 · %2：%3 → %4</translation>
    </message>
    <message>
        <source>%1 (%2): the check-in deadline must be 1 to %3 working days or hours.</source>
        <translation>“%1”（%2）：报到时限须为 1 至 %3 个工作日或小时。</translation>
    </message>
    <message>
        <source>%1 (%2): the handling deadline must be 1 to %3 working days or hours.</source>
        <translation>“%1”（%2）：办结时限须为 1 至 %3 个工作日或小时。</translation>
    </message>
    <message>
        <source>%1 (%2): the check-in deadline (%3) is longer than the handling deadline (%4).</source>
        <translation>“%1”（%2）：报到时限（%3）长于办结时限（%4）。</translation>
    </message>
    <message>
        <source>%1 (%2): %3 must be a whole number of working hours from 1 to 8760.</source>
        <translation>“%1”（%2）：%3须为 1 至 8760 之间的整数。</translation>
    </message>
    <message>
        <source>Category %1 has more than %2 sub-categories.</source>
        <translation>类别 %1 的子类超过 %2 个。</translation>
    </message>
    <message>
        <source>Every sub-category of %1 needs an id (at most 48 characters) and a name (at most 40).</source>
        <translation>%1 的每个子类都需要编号（不超过 48 个字符）和名称（不超过 40 个字符）。</translation>
    </message>
    <message>
        <source>%1 (%2): a check-in deadline in working days needs a handling deadline in working days too.</source>
        <translation>“%1”（%2）：报到时限按工作日计时，办结时限也须按工作日计。</translation>
    </message>
</context>
<context>
    <name>gw::CategoryCatalog</name>
    <message>
        <source>Category file is not valid JSON: %1</source>
        <translation>类别文件不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>Category file has no categories.</source>
        <translation>类别文件中没有任何类别。</translation>
    </message>
    <message>
        <source>Category id %1 appears twice.</source>
        <translation>类别 ID %1 重复出现。</translation>
    </message>
</context>
<context>
    <name>gw::CategoryRulesDialog</name>
    <message>
        <source>Categories and deadline rules</source>
        <translation>分类与时限规则</translation>
    </message>
    <message>
        <source>working days</source>
        <translation>个工作日</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>Deadlines count from the moment the whistle is blown: working days skip weekends and public holidays of the work calendar, hours are clock hours for urgent matters. A department&apos;s deadline set longer than its row in the whistle form needs a reason there. The step columns are working hours the command center or the street may keep a case at 研判, 审核, 发起吹哨, 核查 and 结案 before it is overdue.</source>
        <translation>时限自吹哨时起算：工作日按工作日历扣除周末和法定节假日，小时为自然小时，用于紧急事项。吹哨时为部门设定的时限长于本表时，须在吹哨表单中填写理由。各环节列为指挥中心或街道在研判、审核、发起吹哨、核查、结案各环节可停留的工作小时数，超过即为超时。</translation>
    </message>
    <message>
        <source>Save on the server</source>
        <translation>保存到服务器</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Rule table (one row per urgency):</source>
        <translation>时限规则表（每种紧急程度一行）：</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Saved as version %1 of the rules. Other computers use them from their next sync; this one already does.</source>
        <translation>已保存为第 %1 版规则。其他终端在下次同步后使用，本机已立即生效。</translation>
    </message>
    <message>
        <source>Working offline: the rules are shown as last synced and cannot be changed. They are kept on the district server; sign in online to change them.</source>
        <translation>离线工作中：显示的是上次同步的规则，不能修改。规则保存在区级服务器上，请联网登录后再修改。</translation>
    </message>
    <message>
        <source>Only administrators change the district&apos;s categories and deadline rules.</source>
        <translation>只有系统管理员可以修改全区的分类与时限规则。</translation>
    </message>
    <message>
        <source>%1 (not saved)</source>
        <translation>%1（未保存）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Nothing to save: the rules of %1 are as the server has them.</source>
        <translation>无需保存：%1 的规则与服务器上一致。</translation>
    </message>
    <message>
        <source>Saving on the district server…</source>
        <translation>正在保存到区级服务器…</translation>
    </message>
    <message numerus="yes">
        <source>The district&apos;s categories and deadline rules, version %1, changed by %2 at %3. %n categories.</source>
        <translation>
            <numerusform>全区分类与时限规则，第 %1 版，由 %2 于 %3 修改。共 %n 个类别。</numerusform>
        </translation>
    </message>
    <message>
        <source>The rules shipped with GridWhistle; the district server&apos;s arrive with the next sync.</source>
        <translation>当前为程序自带的规则；区级服务器的规则将在下次同步时获取。</translation>
    </message>
</context>
<context>
    <name>gw::ChangePasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <source>At least %1 characters; not your login id and not the demo password. Your other sessions end; this computer stays signed in.</source>
        <translation>至少 %1 个字符；不能与登录名或演示密码相同。您在其他电脑上的登录将失效，本机保持登录。</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>New password again:</source>
        <translation>再次输入新密码：</translation>
    </message>
    <message>
        <source>Enter your current password.</source>
        <translation>请输入当前密码。</translation>
    </message>
    <message>
        <source>The two new passwords are not the same.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <source>Set your own password</source>
        <translation>设置您自己的密码</translation>
    </message>
    <message>
        <source>Your password was set by an administrator. Choose your own before you start; nobody else will know it.</source>
        <translation>您的密码由管理员设定。开始工作前请设置您自己的密码，其他人将无从知晓。</translation>
    </message>
</context>
<context>
    <name>gw::CityAdapter</name>
    <message>
        <source>No city mapping is loaded.</source>
        <translation>未加载市级映射。</translation>
    </message>
    <message>
        <source>Case %1 is not escalated; store the case.escalated event first.</source>
        <translation>哨件 %1 未上报市级；请先存储 case.escalated 事件。</translation>
    </message>
    <message>
        <source>Waiting for the city to acknowledge the escalation.</source>
        <translation>正在等待市级平台确认上报。</translation>
    </message>
    <message>
        <source>The city&apos;s answer has no %1.</source>
        <translation>市级平台的应答中没有 %1。</translation>
    </message>
    <message>
        <source>Gave up after %1 attempts: %2</source>
        <translation>尝试 %1 次后放弃：%2</translation>
    </message>
    <message>
        <source>The city&apos;s list of assigned requests is not a JSON array.</source>
        <translation>市级平台的派单列表不是 JSON 数组。</translation>
    </message>
    <message>
        <source>Pulling city-assigned cases failed: %1</source>
        <translation>拉取市级派单失败：%1</translation>
    </message>
    <message>
        <source>City request %1 cannot be registered: %2</source>
        <translation>无法登记市级工单 %1：%2</translation>
    </message>
    <message>
        <source>Case %1 did not come from the city.</source>
        <translation>哨件 %1 并非来自市级平台。</translation>
    </message>
    <message>
        <source>Fetching the city&apos;s service list failed: %1</source>
        <translation>获取市级平台服务列表失败：%1</translation>
    </message>
    <message>
        <source>not a JSON array</source>
        <translation>不是 JSON 数组</translation>
    </message>
    <message>
        <source>The city does not offer these mapped service codes: %1</source>
        <translation>市级平台不提供以下已映射的服务代码：%1</translation>
    </message>
    <message>
        <source>The city&apos;s list of requests is not a JSON array.</source>
        <translation>市级平台的工单列表不是 JSON 数组。</translation>
    </message>
    <message>
        <source>Reconciliation with the city failed: %1</source>
        <translation>与市级平台对账失败：%1</translation>
    </message>
    <message>
        <source>Case %1 is escalated here but was never queued for the city.</source>
        <translation>哨件 %1 在本地已上报，但从未加入发往市级平台的队列。</translation>
    </message>
    <message>
        <source>Case %1 is escalated here but the city has no request for it.</source>
        <translation>哨件 %1 在本地已上报，但市级平台没有对应工单。</translation>
    </message>
    <message>
        <source>Case %1 is linked to city request %2, which the city does not list.</source>
        <translation>哨件 %1 关联市级工单 %2，但市级平台的列表中没有该工单。</translation>
    </message>
    <message>
        <source>Case %1: the city shows %2, we are at %3.</source>
        <translation>哨件 %1：市级平台显示为 %2，本地为 %3。</translation>
    </message>
    <message>
        <source>An update is still waiting in the outbox.</source>
        <translation>仍有一条更新在发件箱中等待发送。</translation>
    </message>
    <message>
        <source>Case %1: the city&apos;s deadline is %2, ours is %3.</source>
        <translation>哨件 %1：市级平台的期限为 %2，本地为 %3。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>City request %1 could not be taken in: %2</source>
        <translation>无法接收市级工单 %1：%2</translation>
    </message>
    <message>
        <source>City request %1 was received but the case is not registered yet.</source>
        <translation>已收到市级工单 %1，但哨件尚未登记。</translation>
    </message>
    <message>
        <source>The city lists request %1 for the district, but there is no such case here.</source>
        <translation>市级平台列出了派给本区的工单 %1，但本地没有对应哨件。</translation>
    </message>
    <message>
        <source>Case %1 cannot go to the city: its category %2 has no city service code and the city mapping names no fallback.</source>
        <translation>哨件 %1 无法上报市平台：其类别 %2 没有市平台服务编码，市平台映射也未指定兜底类别。</translation>
    </message>
</context>
<context>
    <name>gw::CityBridge</name>
    <message>
        <source>Cannot read the city configuration %1: %2</source>
        <translation>无法读取市级平台配置 %1：%2</translation>
    </message>
    <message>
        <source>The city configuration %1 is not a JSON object: %2</source>
        <translation>市级平台配置 %1 不是 JSON 对象：%2</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>不是对象</translation>
    </message>
    <message>
        <source>city.mappingFile must be a file path.</source>
        <translation>city.mappingFile 必须是文件路径。</translation>
    </message>
    <message>
        <source>City configuration %1: %2</source>
        <translation>市级平台配置 %1：%2</translation>
    </message>
    <message>
        <source>City mapping %1: %2</source>
        <translation>市级映射 %1：%2</translation>
    </message>
    <message>
        <source>Created the account &quot;%1&quot; that registers city-assigned cases and records city exchanges (no one needs its password).</source>
        <translation>已创建账号“%1”，用于登记市级派单并记录与市级平台的交换（无需任何人使用其密码）。</translation>
    </message>
    <message>
        <source>The account &quot;%1&quot; must be a center dispatcher of center.district to take in city-assigned cases.</source>
        <translation>账号“%1”必须是 center.district 的指挥中心调度员，才能接收市级派单。</translation>
    </message>
    <message>
        <source>The city exchange cannot start: %1</source>
        <translation>市级平台对接无法启动：%1</translation>
    </message>
    <message>
        <source>The store returned no outcome.</source>
        <translation>数据存储未返回结果。</translation>
    </message>
    <message>
        <source>none given</source>
        <translation>未提供</translation>
    </message>
    <message>
        <source>Assigned by the city platform as request %1; the city&apos;s deadline for the district: %2.</source>
        <translation>由市级平台派单，工单号 %1；市级平台要求本区完成的期限：%2。</translation>
    </message>
    <message>
        <source>The city exchange is not configured.</source>
        <translation>未配置市级平台对接。</translation>
    </message>
    <message>
        <source>There is no city message %1.</source>
        <translation>不存在市级消息 %1。</translation>
    </message>
    <message>
        <source>City mapping: %1</source>
        <translation>市平台映射：%1</translation>
    </message>
    <message numerus="yes">
        <source>City: %n escalation(s) stored earlier but never sent are queued now.</source>
        <translation>
            <numerusform>市平台：此前已保存但从未发送的 %n 件上报现已排入发送队列。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>City: %n escalated case(s) cannot be sent (%1). The last reason: %2</source>
        <translation>
            <numerusform>市平台：%n 件已上报的哨件无法发送（%1）。最近的原因：%2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gw::CityCaseState</name>
    <message>
        <source>Not exchanged with the city</source>
        <translation>未与市级平台交换</translation>
    </message>
    <message>
        <source>Pending — waiting to be sent</source>
        <translation>待处理 — 等待发送</translation>
    </message>
    <message>
        <source>Sent — waiting for the city&apos;s answer</source>
        <translation>已发送 — 等待市级平台答复</translation>
    </message>
    <message>
        <source>Acknowledged by the city</source>
        <translation>市级平台已确认</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Escalated by the district to the city (上报市级)</source>
        <translation>由本区上报市级（上报市级）</translation>
    </message>
    <message>
        <source>Assigned to the district by the city (市级交办)</source>
        <translation>由市级交办本区（市级交办）</translation>
    </message>
    <message>
        <source>The server&apos;s case detail has no &quot;case&quot; object.</source>
        <translation>服务器返回的哨件详情中没有“case”对象。</translation>
    </message>
    <message>
        <source>The server&apos;s case detail has &quot;city&quot; in the wrong form (expected an object).</source>
        <translation>服务器返回的哨件详情中“city”格式错误（应为对象）。</translation>
    </message>
    <message>
        <source>city state</source>
        <translation>市级状态</translation>
    </message>
    <message>
        <source>The server reported an unknown city state &quot;%1&quot;.</source>
        <translation>服务器报告了未知的市级状态“%1”。</translation>
    </message>
    <message>
        <source>The server reported an unknown city origin &quot;%1&quot;.</source>
        <translation>服务器报告了未知的市级来源“%1”。</translation>
    </message>
    <message>
        <source>Not exchanged with the city platform</source>
        <translation>未与市级平台交换</translation>
    </message>
    <message>
        <source>City platform: waiting to send</source>
        <translation>市级平台：等待发送</translation>
    </message>
    <message>
        <source>City platform: waiting to retry (%1)</source>
        <translation>市级平台：等待重试（%1）</translation>
    </message>
    <message>
        <source>City platform: sent, awaiting an answer</source>
        <translation>市级平台：已发送，等待应答</translation>
    </message>
    <message>
        <source>City platform: acknowledged (%1)</source>
        <translation>市级平台：已确认（%1）</translation>
    </message>
    <message>
        <source>City platform: failed: %1</source>
        <translation>市级平台：失败：%1</translation>
    </message>
</context>
<context>
    <name>gw::CityClient</name>
    <message>
        <source>Cannot read the city CA file %1: %2</source>
        <translation>无法读取市级平台 CA 文件 %1：%2</translation>
    </message>
    <message>
        <source>The city CA file %1 holds no PEM certificate.</source>
        <translation>市级平台 CA 文件 %1 中没有 PEM 证书。</translation>
    </message>
    <message>
        <source>No answer from the city within %1 s (%2).</source>
        <translation>市级平台在 %1 秒内无应答（%2）。</translation>
    </message>
    <message>
        <source>TLS check of the city platform failed: %1</source>
        <translation>市级平台 TLS 校验失败：%1</translation>
    </message>
    <message>
        <source>Cannot reach the city platform: %1</source>
        <translation>无法连接市级平台：%1</translation>
    </message>
    <message>
        <source>The city answered HTTP %1 with malformed JSON (%2).</source>
        <translation>市级平台返回 HTTP %1，但 JSON 格式错误（%2）。</translation>
    </message>
    <message>
        <source>The city answered HTTP %1.</source>
        <translation>市级平台返回 HTTP %1。</translation>
    </message>
    <message>
        <source>The city answered HTTP %1: %2</source>
        <translation>市级平台返回 HTTP %1：%2</translation>
    </message>
</context>
<context>
    <name>gw::CityConfig</name>
    <message>
        <source>City platform bridge</source>
        <translation>市级平台对接</translation>
    </message>
    <message>
        <source>city.baseUrl must be an absolute URL.</source>
        <translation>city.baseUrl 必须是绝对 URL。</translation>
    </message>
    <message>
        <source>city.baseUrl must use https (plain http only with allowPlainHttp, for development).</source>
        <translation>city.baseUrl 必须使用 https（仅在开发时配合 allowPlainHttp 才可使用 http）。</translation>
    </message>
    <message>
        <source>Give city.apiKey or city.bearerToken.</source>
        <translation>请提供 city.apiKey 或 city.bearerToken。</translation>
    </message>
    <message>
        <source>city.caFile %1 cannot be read.</source>
        <translation>无法读取 city.caFile %1。</translation>
    </message>
    <message>
        <source>city.timeoutMs must be at least 100.</source>
        <translation>city.timeoutMs 不能小于 100。</translation>
    </message>
    <message>
        <source>city.backoffBaseMs must be at least 10 and city.backoffCapMs not below it.</source>
        <translation>city.backoffBaseMs 不能小于 10，且 city.backoffCapMs 不能小于它。</translation>
    </message>
    <message>
        <source>city.maxAttempts must not be negative and city.maxPages must be positive.</source>
        <translation>city.maxAttempts 不能为负数，且 city.maxPages 必须为正数。</translation>
    </message>
    <message>
        <source>The city intake user must be a center dispatcher.</source>
        <translation>市级派单接收用户必须是指挥中心调度员。</translation>
    </message>
    <message>
        <source>Unknown city setting &quot;%1&quot;.</source>
        <translation>未知的市级平台设置“%1”。</translation>
    </message>
    <message>
        <source>city.%1 must be a whole number.</source>
        <translation>city.%1 必须是整数。</translation>
    </message>
</context>
<context>
    <name>gw::CityExchange</name>
    <message>
        <source>To the city</source>
        <translation>发往市级</translation>
    </message>
    <message>
        <source>From the city</source>
        <translation>来自市级</translation>
    </message>
    <message>
        <source>Escalation</source>
        <translation>上报</translation>
    </message>
    <message>
        <source>Status update</source>
        <translation>状态更新</translation>
    </message>
    <message>
        <source>City-assigned case</source>
        <translation>市级派单</translation>
    </message>
    <message>
        <source>Waiting to retry</source>
        <translation>等待重试</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Refused by the district</source>
        <translation>被区级拒收</translation>
    </message>
    <message>
        <source>city message</source>
        <translation>市级消息</translation>
    </message>
    <message>
        <source>The server sent a city message without an id.</source>
        <translation>服务器发送了一条没有 ID 的市级消息。</translation>
    </message>
    <message>
        <source>The server sent a city message of an unknown kind &quot;%1&quot;.</source>
        <translation>服务器发送了一条未知类型“%1”的市级消息。</translation>
    </message>
    <message>
        <source>The server sent a city message in an unknown state &quot;%1&quot;.</source>
        <translation>服务器发送了一条处于未知状态“%1”的市级消息。</translation>
    </message>
    <message>
        <source>refused city case</source>
        <translation>被拒收的市级派单</translation>
    </message>
</context>
<context>
    <name>gw::CityExchangeClient</name>
    <message>
        <source>&quot;%1&quot; is not a case id.</source>
        <translation>“%1”不是哨件 ID。</translation>
    </message>
    <message>
        <source>This client has no connection to a district server.</source>
        <translation>本客户端未连接区级服务器。</translation>
    </message>
    <message>
        <source>The district server&apos;s answer about the city state cannot be read: %1</source>
        <translation>无法读取区级服务器关于市级状态的答复：%1</translation>
    </message>
    <message>
        <source>it is not a JSON object.</source>
        <translation>不是 JSON 对象。</translation>
    </message>
    <message>
        <source>The city exchanges could not be loaded: %1</source>
        <translation>无法加载与市级平台的交换记录：%1</translation>
    </message>
    <message>
        <source>The district server&apos;s list of city exchanges cannot be read: %1</source>
        <translation>无法读取区级服务器返回的市级交换列表：%1</translation>
    </message>
    <message>
        <source>an entry is not a JSON object.</source>
        <translation>某个条目不是 JSON 对象。</translation>
    </message>
    <message>
        <source>Only messages to the city can be sent again; choose one in the list.</source>
        <translation>只能重新发送发往市级平台的消息；请在列表中选择一条。</translation>
    </message>
    <message>
        <source>The retry was not accepted: %1</source>
        <translation>重试未被接受：%1</translation>
    </message>
    <message>
        <source>The district server did not confirm the retry.</source>
        <translation>区级服务器未确认重试。</translation>
    </message>
    <message>
        <source>Pulling city cases failed: %1</source>
        <translation>拉取市级派单失败：%1</translation>
    </message>
    <message>
        <source>The district server&apos;s answer to the pull is not in the expected form.</source>
        <translation>区级服务器对拉取请求的答复格式不符合预期。</translation>
    </message>
    <message>
        <source>The reconciliation failed: %1</source>
        <translation>对账失败：%1</translation>
    </message>
    <message>
        <source>The district server&apos;s reconciliation result has no list of differences.</source>
        <translation>区级服务器返回的对账结果中没有差异列表。</translation>
    </message>
    <message>
        <source>The district server&apos;s reconciliation result cannot be read: %1</source>
        <translation>无法读取区级服务器返回的对账结果：%1</translation>
    </message>
</context>
<context>
    <name>gw::CityExchangeList</name>
    <message>
        <source>list of city exchanges</source>
        <translation>市级交换列表</translation>
    </message>
    <message>
        <source>Entry %1 of &quot;%2&quot; is not a JSON object.</source>
        <translation>“%2”的第 %1 项不是 JSON 对象。</translation>
    </message>
</context>
<context>
    <name>gw::CityExchangeReport</name>
    <message>
        <source>Escalation to the city platform</source>
        <translation>上报市级平台</translation>
    </message>
    <message>
        <source>Status update to the city platform</source>
        <translation>向市级平台更新状态</translation>
    </message>
    <message>
        <source>Case assigned by the city platform</source>
        <translation>市级平台派单</translation>
    </message>
    <message>
        <source>Reconciliation with the city platform</source>
        <translation>与市级平台对账</translation>
    </message>
    <message>
        <source>Exchange with the city platform</source>
        <translation>与市级平台交换</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>已排队</translation>
    </message>
    <message>
        <source>acknowledged as %1</source>
        <translation>已确认，编号 %1</translation>
    </message>
    <message>
        <source>not delivered yet, will retry (attempt %1)</source>
        <translation>尚未送达，将重试（第 %1 次尝试）</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>received as %1</source>
        <translation>已接收，编号 %1</translation>
    </message>
    <message>
        <source>could not be taken in</source>
        <translation>无法接收</translation>
    </message>
    <message>
        <source>found a difference</source>
        <translation>发现差异</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1：%2。</translation>
    </message>
</context>
<context>
    <name>gw::CityExchangesDialog</name>
    <message>
        <source>The message is queued again; the district server sends it to the city now.</source>
        <translation>该消息已重新排队；区级服务器正在将其发送至市级平台。</translation>
    </message>
    <message numerus="yes">
        <source>Pulled from the city: %n new case(s) received</source>
        <translation>
            <numerusform>已从市级平台拉取：收到 %n 个新哨件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused by the district (listed above).</source>
        <translation>
            <numerusform>%n 个被区级拒收（见上方列表）。</numerusform>
        </translation>
    </message>
    <message>
        <source>This client has no connection to a district server.</source>
        <translation>本客户端未连接区级服务器。</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>case %1</source>
        <translation>哨件 %1</translation>
    </message>
    <message>
        <source>city request %1</source>
        <translation>市级工单 %1</translation>
    </message>
    <message>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1：%2</translation>
    </message>
    <message>
        <source>No failed exchanges with the city.</source>
        <translation>没有与市级平台交换失败的记录。</translation>
    </message>
    <message>
        <source>No exchanges with the city need attention.</source>
        <translation>没有需要处理的市级平台交换记录。</translation>
    </message>
    <message>
        <source>Choose a message to the city in the list first (refused city cases cannot be sent again).</source>
        <translation>请先在列表中选择一条发往市级平台的消息（被拒收的市级派单不能重新发送）。</translation>
    </message>
    <message>
        <source>Asking the city for cases assigned to the district…</source>
        <translation>正在向市级平台查询交办给本区的哨件…</translation>
    </message>
    <message>
        <source>Comparing the district&apos;s cases with the city platform…</source>
        <translation>正在将本区哨件与市级平台对账…</translation>
    </message>
    <message>
        <source>%1 (an update is still on its way; this may resolve itself)</source>
        <translation>%1（仍有一条更新正在发送途中，此差异可能会自行消除）</translation>
    </message>
    <message>
        <source>Both sides agree: no differences found.</source>
        <translation>双方一致：未发现差异。</translation>
    </message>
    <message numerus="yes">
        <source>%n difference(s) between the district and the city platform:</source>
        <translation>
            <numerusform>本区与市级平台之间存在 %n 处差异：</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconciliation finished at %1.</source>
        <translation>对账已于 %1 完成。</translation>
    </message>
    <message>
        <source>City exchange (市级平台对接)</source>
        <translation>市级平台对接</translation>
    </message>
    <message>
        <source>Exchanges with the city platform that need attention: messages the city refused or that are still being retried after a failed attempt, and city cases the district refused to take in. Acknowledged exchanges are not listed.</source>
        <translation>与市级平台之间需要关注的交换：被市级平台拒绝的消息、尝试失败后仍在重试的消息，以及本区拒绝接收的市级派单。已确认的交换不在此列出。</translation>
    </message>
    <message>
        <source>Failed only</source>
        <translation>仅显示失败</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Retry selected</source>
        <translation>重试所选</translation>
    </message>
    <message>
        <source>Pull city cases now</source>
        <translation>立即拉取市级派单</translation>
    </message>
    <message>
        <source>Reconcile</source>
        <translation>对账</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>对账</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>哨件</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <source>Last attempt</source>
        <translation>最近尝试</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>下次尝试</translation>
    </message>
    <message>
        <source>City request</source>
        <translation>市级工单</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区级</translation>
    </message>
    <message>
        <source>City</source>
        <translation>市级</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>gw::CityMapping</name>
    <message>
        <source>Cannot read the city mapping file %1: %2</source>
        <translation>无法读取市级映射文件 %1：%2</translation>
    </message>
    <message>
        <source>City mapping file %1: %2</source>
        <translation>市级映射文件 %1：%2</translation>
    </message>
    <message>
        <source>not valid JSON at offset %1: %2</source>
        <translation>偏移量 %1 处不是有效的 JSON：%2</translation>
    </message>
    <message>
        <source>the mapping must be a JSON object.</source>
        <translation>映射必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>&quot;version&quot; must be 1 (this program reads mapping version 1).</source>
        <translation>“version”必须为 1（本程序读取映射版本 1）。</translation>
    </message>
    <message>
        <source>&quot;jurisdictionId&quot; (the city&apos;s Open311 jurisdiction_id for the district) is required.</source>
        <translation>必须提供“jurisdictionId”（市级平台为本区分配的 Open311 jurisdiction_id）。</translation>
    </message>
    <message>
        <source>&quot;districtId&quot; (how the city addresses this district in x_assigned_to) is required.</source>
        <translation>必须提供“districtId”（市级平台在 x_assigned_to 中对本区的标识）。</translation>
    </message>
    <message>
        <source>&quot;pageSize&quot; must be a whole number from 1 to 1000.</source>
        <translation>“pageSize”必须是 1 到 1000 之间的整数。</translation>
    </message>
    <message>
        <source>&quot;categories&quot; must be a list of {category, subcategory?, serviceCode}.</source>
        <translation>“categories”必须是 {category, subcategory?, serviceCode} 的列表。</translation>
    </message>
    <message>
        <source>categories[%1]: unknown category &quot;%2&quot;.</source>
        <translation>categories[%1]：未知类别“%2”。</translation>
    </message>
    <message>
        <source>categories[%1]: category %2 has no sub-category &quot;%3&quot;.</source>
        <translation>categories[%1]：类别 %2 没有子类“%3”。</translation>
    </message>
    <message>
        <source>categories[%1]: &quot;serviceCode&quot; is required.</source>
        <translation>categories[%1]：必须提供“serviceCode”。</translation>
    </message>
    <message>
        <source>categories[%1]: %2 is mapped twice.</source>
        <translation>categories[%1]：%2 被映射了两次。</translation>
    </message>
    <message>
        <source>categories[%1]: service code &quot;%2&quot; is already used for %3.</source>
        <translation>categories[%1]：服务代码“%2”已用于 %3。</translation>
    </message>
    <message>
        <source>&quot;unmappedServiceCode&quot; must name one of our categories (and optionally its sub-category).</source>
        <translation>“unmappedServiceCode”必须指定本系统的一个类别（可附带其子类）。</translation>
    </message>
    <message>
        <source>&quot;statuses&quot; must be an object: our status → {status: open|closed, cityState}.</source>
        <translation>“statuses”必须是对象：本系统状态 → {status: open|closed, cityState}。</translation>
    </message>
    <message>
        <source>statuses: &quot;%1&quot; is not one of our statuses.</source>
        <translation>statuses：“%1”不是本系统的状态。</translation>
    </message>
    <message>
        <source>statuses: no mapping for our status &quot;%1&quot;.</source>
        <translation>statuses：本系统状态“%1”没有映射。</translation>
    </message>
    <message>
        <source>statuses.%1.status must be &quot;open&quot; or &quot;closed&quot; (Open311).</source>
        <translation>statuses.%1.status 必须为“open”或“closed”（Open311）。</translation>
    </message>
    <message>
        <source>statuses.%1.cityState is required.</source>
        <translation>必须提供 statuses.%1.cityState。</translation>
    </message>
    <message>
        <source>&quot;priorities&quot; must be an object: our urgency → the city&apos;s priority.</source>
        <translation>“priorities”必须是对象：本系统紧急程度 → 市级平台优先级。</translation>
    </message>
    <message>
        <source>priorities: no city priority for urgency &quot;%1&quot;.</source>
        <translation>priorities：紧急程度“%1”没有对应的市级优先级。</translation>
    </message>
    <message>
        <source>priorities: &quot;%1&quot; is used for two urgencies.</source>
        <translation>priorities：“%1”被用于两个紧急程度。</translation>
    </message>
    <message>
        <source>priorities: &quot;%1&quot; is not one of our urgencies.</source>
        <translation>priorities：“%1”不是本系统的紧急程度。</translation>
    </message>
    <message>
        <source>&quot;areas&quot; must be an object: city area code → our street id.</source>
        <translation>“areas”必须是对象：市级区域代码 → 本系统街道 ID。</translation>
    </message>
    <message>
        <source>areas.%1: &quot;%2&quot; is not one of our streets.</source>
        <translation>areas.%1：“%2”不是本系统的街道。</translation>
    </message>
    <message>
        <source>areas.%1: street %2 already has an area code.</source>
        <translation>areas.%1：街道 %2 已有区域代码。</translation>
    </message>
    <message>
        <source>areas: no city area code for %1.</source>
        <translation>areas：%1 没有市级区域代码。</translation>
    </message>
    <message>
        <source>The city&apos;s request has no %1.</source>
        <translation>市级工单中没有 %1。</translation>
    </message>
    <message>
        <source>The city&apos;s request id is longer than %1 characters.</source>
        <translation>市级工单 ID 超过 %1 个字符。</translation>
    </message>
    <message>
        <source>City request %1: service code &quot;%2&quot; is not in the mapping.</source>
        <translation>市级工单 %1：服务代码“%2”不在映射中。</translation>
    </message>
    <message>
        <source>City request %1: area code &quot;%2&quot; is not one of the district&apos;s streets in the mapping.</source>
        <translation>市级工单 %1：区域代码“%2”不是映射中本区的街道。</translation>
    </message>
    <message>
        <source>City request %1 has neither a title nor a description.</source>
        <translation>市级工单 %1 既没有标题也没有描述。</translation>
    </message>
    <message>
        <source>Location %1, %2 (from the city platform)</source>
        <translation>位置 %1，%2（来自市级平台）</translation>
    </message>
    <message>
        <source>City request %1 has neither an address nor a location.</source>
        <translation>市级工单 %1 既没有地址也没有位置。</translation>
    </message>
    <message>
        <source>City request %1: priority &quot;%2&quot; is not in the mapping.</source>
        <translation>市级工单 %1：优先级“%2”不在映射中。</translation>
    </message>
    <message>
        <source>City request %1: deadline &quot;%2&quot; is not an ISO 8601 time.</source>
        <translation>市级工单 %1：期限“%2”不是 ISO 8601 时间。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be an object of logical name → city name.</source>
        <translation>“%1”必须是“逻辑名 → 市级名称”的对象。</translation>
    </message>
    <message>
        <source>&quot;%1.%2&quot; is not a known field (known: %3).</source>
        <translation>“%1.%2”不是已知字段（已知字段：%3）。</translation>
    </message>
    <message>
        <source>&quot;%1.%2&quot; must be a non-empty text.</source>
        <translation>“%1.%2”必须是非空文本。</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: %2 and %3 both map to &quot;%4&quot;.</source>
        <translation>“%1”：%2 和 %3 都映射到“%4”。</translation>
    </message>
    <message>
        <source>Categories without a city service code: %1. Their cases cannot be escalated to the city until the city mapping names a code for them.</source>
        <translation>以下类别没有市平台服务编码：%1。在市平台映射为其指定编码之前，这些类别的哨件无法上报市平台。</translation>
    </message>
    <message>
        <source>Categories without a city service code: %1. Their cases are escalated under the fallback code %2 until the city mapping names a code for them.</source>
        <translation>以下类别没有市平台服务编码：%1。在市平台映射为其指定编码之前，这些类别的哨件以兜底编码 %2 上报。</translation>
    </message>
    <message>
        <source>Streets without a city area code: %1. Cases the city assigns to them cannot be routed, and their escalations carry no area.</source>
        <translation>以下街道没有市平台区域编码：%1。市平台派给它们的哨件无法分派，其上报也不带区域。</translation>
    </message>
</context>
<context>
    <name>gw::CityMigrations</name>
    <message>
        <source>The city exchange tables of the server database have schema version %1, newer than this server understands (%2). Install the newer gridwhistle-server.</source>
        <translation>服务器数据库中市级对接数据表的结构版本为 %1，高于本服务器支持的版本（%2）。请安装新版 gridwhistle-server。</translation>
    </message>
</context>
<context>
    <name>gw::CityMismatch</name>
    <message>
        <source>Missing at the city</source>
        <translation>市级平台缺失</translation>
    </message>
    <message>
        <source>Missing in the district</source>
        <translation>本区缺失</translation>
    </message>
    <message>
        <source>Status differs</source>
        <translation>状态不一致</translation>
    </message>
    <message>
        <source>Deadline differs</source>
        <translation>期限不一致</translation>
    </message>
    <message>
        <source>reconciliation result</source>
        <translation>对账结果</translation>
    </message>
    <message>
        <source>The server reported an unknown kind of difference &quot;%1&quot;.</source>
        <translation>服务器报告了未知的差异类型“%1”。</translation>
    </message>
    <message>
        <source>The server reported a difference that names neither a case nor a city request.</source>
        <translation>服务器报告的差异既未指明哨件，也未指明市级工单。</translation>
    </message>
</context>
<context>
    <name>gw::CityOutbox</name>
    <message>
        <source>City outbox: cannot prepare a query: %1</source>
        <translation>市级发件箱：无法准备查询：%1</translation>
    </message>
    <message>
        <source>City outbox: a database write failed: %1</source>
        <translation>市级发件箱：数据库写入失败：%1</translation>
    </message>
    <message>
        <source>City outbox: cannot create its tables: %1</source>
        <translation>市级发件箱：无法创建数据表：%1</translation>
    </message>
    <message>
        <source>City outbox: no message %1.</source>
        <translation>市级发件箱：没有消息 %1。</translation>
    </message>
    <message>
        <source>The city already acknowledged this message.</source>
        <translation>市级平台已确认该消息。</translation>
    </message>
    <message>
        <source>Interrupted before the city answered; sent again with the same idempotency key.</source>
        <translation>市级平台应答前被中断；已使用相同的幂等键重新发送。</translation>
    </message>
</context>
<context>
    <name>gw::CityStateWidget</name>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Asking the district server for the city state…</source>
        <translation>正在向区级服务器查询市级平台状态…</translation>
    </message>
    <message>
        <source>City exchange not configured</source>
        <translation>未配置市级平台对接</translation>
    </message>
    <message>
        <source>The district server does not exchange cases with the city platform, so nothing was sent.</source>
        <translation>区级服务器未与市级平台交换哨件，因此没有发送任何内容。</translation>
    </message>
    <message>
        <source>not yet assigned</source>
        <translation>尚未分配</translation>
    </message>
    <message numerus="yes">
        <source>(%n message(s) waiting)</source>
        <translation>
            <numerusform>（%n 条消息等待中）</numerusform>
        </translation>
    </message>
    <message>
        <source>As reported by the district server at %1.</source>
        <translation>以上为区级服务器于 %1 报告的状态。</translation>
    </message>
    <message>
        <source>City state unknown while offline</source>
        <translation>离线时无法获知市级平台状态</translation>
    </message>
    <message>
        <source>The city exchange is run by the district server; connect to it to see the current state.</source>
        <translation>市级平台对接由区级服务器负责；请连接区级服务器以查看当前状态。</translation>
    </message>
    <message>
        <source>City state unavailable</source>
        <translation>无法获取市级平台状态</translation>
    </message>
    <message>
        <source>City platform (市级平台)</source>
        <translation>市级平台</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Ask the district server for the current city state</source>
        <translation>向区级服务器查询当前市级平台状态</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>交换</translation>
    </message>
    <message>
        <source>City request id</source>
        <translation>市级工单号</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Last attempt</source>
        <translation>最近尝试</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>gw::ConflictInboxDialog</name>
    <message>
        <source>Conflict inbox</source>
        <translation>同步冲突</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>哨件</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Server&apos;s reason</source>
        <translation>服务器给出的原因</translation>
    </message>
    <message>
        <source>No refused actions. Everything you did offline was accepted by the district server.</source>
        <translation>没有被拒绝的操作。您离线完成的所有操作均已被区级服务器接受。</translation>
    </message>
    <message numerus="yes">
        <source>The district server refused %n offline action(s). Read the reason, then retry the action as the case stands now, or discard it.</source>
        <translation>
            <numerusform>区级服务器拒绝了 %n 个离线操作。请阅读原因，然后按哨件当前状态重试该操作，或将其丢弃。</numerusform>
        </translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>丢弃…</translation>
    </message>
    <message>
        <source>Retry refused</source>
        <translation>无法重试</translation>
    </message>
    <message>
        <source>The action cannot be repeated on the case as it stands now:
%1</source>
        <translation>无法按哨件当前状态重复该操作：
%1</translation>
    </message>
    <message>
        <source>Discard action</source>
        <translation>丢弃操作</translation>
    </message>
    <message>
        <source>Discard &quot;%1&quot;? The action is dropped for good; the discard is recorded in the case&apos;s audit trail.</source>
        <translation>确定丢弃“%1”吗？该操作将被永久删除；丢弃记录会写入该哨件的审计留痕。</translation>
    </message>
    <message>
        <source>Discard failed</source>
        <translation>丢弃失败</translation>
    </message>
    <message>
        <source>Made by, at</source>
        <translation>操作人、时间</translation>
    </message>
</context>
<context>
    <name>gw::DashboardCharts</name>
    <message>
        <source>Composite score</source>
        <translation>综合得分</translation>
    </message>
    <message>
        <source>%1 (no cases)</source>
        <translation>%1（无哨件）</translation>
    </message>
    <message>
        <source>%1. %2 (score 0)</source>
        <translation>%1. %2（0 分）</translation>
    </message>
    <message>
        <source>Monthly trend (district)</source>
        <translation>月度趋势（全区）</translation>
    </message>
    <message>
        <source>% / points</source>
        <translation>% / 分</translation>
    </message>
    <message>
        <source>%1 composite score</source>
        <translation>%1综合得分</translation>
    </message>
    <message>
        <source>Cases registered by category</source>
        <translation>按类别统计登记哨件</translation>
    </message>
    <message>
        <source>Cases registered by category: none in this period</source>
        <translation>按类别统计登记哨件：本期无数据</translation>
    </message>
    <message>
        <source>Cases by current status</source>
        <translation>按当前状态统计哨件</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>哨件数</translation>
    </message>
</context>
<context>
    <name>gw::DashboardWindow</name>
    <message>
        <source>Assessment dashboard</source>
        <translation>考核看板</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>考核</translation>
    </message>
    <message>
        <source>Month: </source>
        <translation>月份：</translation>
    </message>
    <message>
        <source>  Trend: </source>
        <translation>  趋势：</translation>
    </message>
    <message>
        <source>6 months</source>
        <translation>6 个月</translation>
    </message>
    <message>
        <source>12 months</source>
        <translation>12 个月</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export PDF report…</source>
        <translation>导出 PDF 报告…</translation>
    </message>
    <message>
        <source>Indicators…</source>
        <translation>指标设置…</translation>
    </message>
    <message>
        <source>Click a bar in a ranking to list the cases behind it.</source>
        <translation>点击排名中的柱形，可列出其对应的哨件。</translation>
    </message>
    <message>
        <source>Overdue cases</source>
        <translation>超期哨件</translation>
    </message>
    <message>
        <source>Cases behind the bar</source>
        <translation>柱形对应的哨件</translation>
    </message>
    <message numerus="yes">
        <source>Reading %n case(s) for the assessment…</source>
        <translation>
            <numerusform>正在读取 %n 个哨件用于考核…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The local store is not open.</source>
        <translation>本地数据未打开。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; indicator set &lt;b&gt;%2&lt;/b&gt; &amp;nbsp; figures as of %3&lt;br&gt;District: %4 registered · %5 whistled · %6 closed · on-time check-in %7 · on-time handling %8 · close rate %9 · satisfaction %10 · &lt;b&gt;%11 overdue&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; 指标集 &lt;b&gt;%2&lt;/b&gt; &amp;nbsp; 数据截至 %3&lt;br&gt;全区：登记 %4 件 · 吹哨 %5 件 · 结案 %6 件 · 按时报到率 %7 · 按期处置率 %8 · 结案率 %9 · 满意度 %10 · &lt;b&gt;超期 %11 件&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Streets by composite score (click a bar for its cases)</source>
        <translation>街道综合得分排名（点击柱形查看其哨件）</translation>
    </message>
    <message>
        <source>Departments by composite score (click a bar for its cases)</source>
        <translation>部门综合得分排名（点击柱形查看其哨件）</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Overdue (days)</source>
        <translation>超期（天）</translation>
    </message>
    <message>
        <source>%1 (on hold)</source>
        <translation>%1（缓办中）</translation>
    </message>
    <message>
        <source>Overdue cases (%1)</source>
        <translation>超期哨件（%1）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登记时间</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n case(s) behind its figures in %2</source>
        <translation>
            <numerusform>%1 — %2 的统计涉及 %n 个哨件</numerusform>
        </translation>
    </message>
    <message>
        <source> (first %1 shown)</source>
        <translation> （仅显示前 %1 个）</translation>
    </message>
    <message>
        <source>Export assessment as CSV</source>
        <translation>导出考核结果为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export assessment report as PDF</source>
        <translation>导出考核报告为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Print report…</source>
        <translation>打印报表…</translation>
    </message>
    <message>
        <source>Assessment report %1</source>
        <translation>考核报告 %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Publish month…</source>
        <translation>发布本月考核…</translation>
    </message>
    <message>
        <source>Publications</source>
        <translation>发布记录</translation>
    </message>
    <message>
        <source>%1 published as revision %2.</source>
        <translation>%1 已发布为第 %2 版。</translation>
    </message>
    <message>
        <source>not fetched yet</source>
        <translation>尚未取得</translation>
    </message>
    <message>
        <source>The district server&apos;s results could not be fetched (%1): the figures below count only the cases this computer holds, not the district&apos;s ranking.</source>
        <translation>未能取得区服务器的考核结果（%1）：以下数字只统计本机保存的哨件，不是全区排名。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Published&lt;/b&gt;: revision %1, published %2 by %3 (data up to server sequence %4)</source>
        <translation>&lt;b&gt;已发布&lt;/b&gt;：第 %1 版，%2 由 %3 发布（数据截至服务器序号 %4）</translation>
    </message>
    <message>
        <source> · reason: %1</source>
        <translation> · 原因：%1</translation>
    </message>
    <message>
        <source>— an earlier revision; revision %1 is in force.</source>
        <translation>— 这是较早的版本；现行为第 %1 版。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not published yet&lt;/b&gt;: the district server&apos;s figures as computed at %1; they still change as events arrive.</source>
        <translation>&lt;b&gt;尚未发布&lt;/b&gt;：区服务器于 %1 计算的结果；随着新事件到达仍会变化。</translation>
    </message>
    <message>
        <source>Offline: shown as fetched at %1 (%2).</source>
        <translation>离线：显示 %1 取得的结果（%2）。</translation>
    </message>
    <message>
        <source>Publish correction…</source>
        <translation>发布更正…</translation>
    </message>
    <message>
        <source>Working offline: a month is published on the district server.</source>
        <translation>离线工作：月度考核在区服务器上发布。</translation>
    </message>
    <message>
        <source>%1 is not over yet: a month is published once it has ended.</source>
        <translation>%1 尚未结束：月份结束后才能发布。</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>正在发布…</translation>
    </message>
    <message>
        <source>Freeze the district&apos;s results of %1: late events no longer change them; a correction is a new revision with a reason.</source>
        <translation>固定全区 %1 的考核结果：此后迟到的事件不再改变它；更正须以新版本发布并说明原因。</translation>
    </message>
    <message>
        <source>Not connected to the district server.</source>
        <translation>未连接区服务器。</translation>
    </message>
    <message>
        <source>%1 was published as revision %2 on %3. A correction becomes revision %4; both stay readable.
What does this correction change? (required)</source>
        <translation>%1 已于 %3 发布为第 %2 版。更正将成为第 %4 版，两个版本都会保留。
本次更正改了什么？（必填）</translation>
    </message>
    <message>
        <source>Publishing freezes the district&apos;s results of %1 as the server holds them now: events arriving later no longer change them, and every computer shows this ranking.
Note (optional):</source>
        <translation>发布将按服务器当前数据固定全区 %1 的考核结果：此后到达的事件不再改变它，所有电脑都显示这一排名。
说明（可不填）：</translation>
    </message>
    <message>
        <source>Publish correction of %1</source>
        <translation>发布 %1 的更正</translation>
    </message>
    <message>
        <source>Publish %1</source>
        <translation>发布 %1</translation>
    </message>
    <message>
        <source>Say what the correction changes; the reason is kept with both revisions.</source>
        <translation>请说明更正的内容；原因会与两个版本一同保留。</translation>
    </message>
    <message>
        <source>Year…</source>
        <translation>年度汇总…</translation>
    </message>
</context>
<context>
    <name>gw::DeadlineSpec</name>
    <message>
        <source>%1 hours</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 working days</source>
        <translation>%1 个工作日</translation>
    </message>
</context>
<context>
    <name>gw::DemoDataSeeder</name>
    <message>
        <source>The demo account %1 is missing.</source>
        <translation>缺少演示账号 %1。</translation>
    </message>
    <message>
        <source>The server refused demo event %1 (%2): %3</source>
        <translation>服务器拒绝了演示事件 %1（%2）：%3</translation>
    </message>
    <message>
        <source>Cannot mark the database as demo data.</source>
        <translation>无法将数据库标记为演示数据。</translation>
    </message>
    <message>
        <source>The database holds the demo district made at an earlier start (DEMO DATA, not real cases).</source>
        <translation>数据库中是此前启动时生成的演示辖区（演示数据，不是真实哨件）。</translation>
    </message>
    <message numerus="yes">
        <source>No demo data generated: the database already holds %n case(s).</source>
        <translation>
            <numerusform>未生成演示数据：数据库中已有 %n 件哨件。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Created %n demo account(s) for the streets and departments of the demo district, with the password %1.</source>
        <translation>
            <numerusform>已为演示辖区的街道和部门创建 %n 个演示账号，密码为 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Filled the empty database with the demo district: %1 cases and %2 events over the last %3 days (made in %4 ms, pushed in %5 pushes in %6 ms). These are DEMO DATA, not real cases.</source>
        <translation>已在空数据库中生成演示辖区：最近 %3 天的 %1 件哨件、%2 个事件（生成用时 %4 毫秒，分 %5 次推送，用时 %6 毫秒）。这些是演示数据，不是真实哨件。</translation>
    </message>
    <message>
        <source>Published the demo assessment of %1 as the demo supervisor; the last month ended is left for you to publish.</source>
        <translation>已以演示督查员身份发布 %1 的演示考核结果；最近结束的月份留给您发布。</translation>
    </message>
</context>
<context>
    <name>gw::DemoDistrict</name>
    <message>
        <source>Demo story %1, step %2 (%3 by %4) refused: %5</source>
        <translation>演示案例 %1 的第 %2 步（%3，操作人 %4）被拒绝：%5</translation>
    </message>
</context>
<context>
    <name>gw::DepartmentAssignment</name>
    <message>
        <source>Summoned</source>
        <translation>待报到</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>已报到</translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>已处置</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
</context>
<context>
    <name>gw::DepartmentPicker</name>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Lead 主办</source>
        <translation>主办</translation>
    </message>
    <message>
        <source>Assist 协办</source>
        <translation>协办</translation>
    </message>
    <message>
        <source>Check-in due</source>
        <translation>报到期限</translation>
    </message>
    <message>
        <source>Handling due</source>
        <translation>处置期限</translation>
    </message>
    <message>
        <source> (suggested)</source>
        <translation> （建议）</translation>
    </message>
    <message>
        <source> — already lead</source>
        <translation> — 已是主办</translation>
    </message>
    <message>
        <source> — already assisting</source>
        <translation> — 已是协办</translation>
    </message>
    <message>
        <source>Duty contact: %1, %2</source>
        <translation>值班联系人：%1，%2</translation>
    </message>
</context>
<context>
    <name>gw::DevCertificate</name>
    <message>
        <source>No certificate was given (--cert/--key) and the openssl command, needed to make a development certificate, is not installed (Debian package openssl).</source>
        <translation>未提供证书（--cert/--key），且未安装生成开发证书所需的 openssl 命令（Debian 软件包 openssl）。</translation>
    </message>
    <message>
        <source>openssl could not make a development certificate: %1</source>
        <translation>openssl 无法生成开发证书：%1</translation>
    </message>
</context>
<context>
    <name>gw::DistrictAssessment</name>
    <message>
        <source>The cases could not be read for the assessment: %1</source>
        <translation>无法读取考核所需的哨件：%1</translation>
    </message>
    <message>
        <source>%1 is not a month (yyyy-MM).</source>
        <translation>%1 不是月份（应为 yyyy-MM）。</translation>
    </message>
    <message>
        <source>Ask for 1 to %1 months, from the first to the last.</source>
        <translation>请查询 1 到 %1 个月，起始月份不晚于结束月份。</translation>
    </message>
    <message>
        <source>Only supervisors and assessment administrators publish the district&apos;s assessment.</source>
        <translation>只有督查考核人员和考核管理员可以发布全区考核。</translation>
    </message>
    <message>
        <source>%1 is not over yet: a month is published once it has ended (from %2).</source>
        <translation>%1 尚未结束：月份结束后才能发布（%2 起）。</translation>
    </message>
    <message>
        <source>The reason is %1 characters long; at most %2 are kept.</source>
        <translation>原因长 %1 个字，最多保留 %2 个字。</translation>
    </message>
    <message>
        <source>%1 has been published before: say what this correction changes (the reason is kept with both versions).</source>
        <translation>%1 已发布过：请说明本次更正改了什么（原因与两个版本一同保留）。</translation>
    </message>
</context>
<context>
    <name>gw::EventType</name>
    <message>
        <source>Registered</source>
        <translation>哨件登记</translation>
    </message>
    <message>
        <source>Analyzed</source>
        <translation>哨件研判</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>哨件审核</translation>
    </message>
    <message>
        <source>Whistle blown</source>
        <translation>发起吹哨</translation>
    </message>
    <message>
        <source>Department checked in</source>
        <translation>部门报到</translation>
    </message>
    <message>
        <source>Assignment returned</source>
        <translation>部门退回</translation>
    </message>
    <message>
        <source>Handling feedback</source>
        <translation>处置反馈</translation>
    </message>
    <message>
        <source>Postponement requested</source>
        <translation>延期申请</translation>
    </message>
    <message>
        <source>Postponement decided</source>
        <translation>延期审批</translation>
    </message>
    <message>
        <source>Resolved by the street</source>
        <translation>街道自行处置</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>结果核查</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>哨件结案</translation>
    </message>
    <message>
        <source>Escalated to the city</source>
        <translation>上报市级</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>重新启动</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>线上协同</translation>
    </message>
    <message>
        <source>On hold changed</source>
        <translation>缓办变更</translation>
    </message>
    <message>
        <source>Department rated</source>
        <translation>部门评价</translation>
    </message>
    <message>
        <source>Case number assigned</source>
        <translation>分配哨件编号</translation>
    </message>
</context>
<context>
    <name>gw::FormValidation</name>
    <message>
        <source>%1 is required.</source>
        <translation>%1为必填项。</translation>
    </message>
    <message>
        <source>%1 is too long: %2 characters, at most %3.</source>
        <translation>%1过长：%2 个字符，最多 %3 个。</translation>
    </message>
    <message>
        <source>The phone number is too long (at most 32 characters).</source>
        <translation>电话号码过长（最多 32 个字符）。</translation>
    </message>
    <message>
        <source>A phone number may hold only digits, spaces, + and -.</source>
        <translation>电话号码只能包含数字、空格、+ 和 -。</translation>
    </message>
    <message>
        <source>The phone number is too short.</source>
        <translation>电话号码过短。</translation>
    </message>
    <message>
        <source>Counted on weekdays only: the work calendar has no holidays for %1 yet, so this date may fall on a holiday or miss a make-up workday.</source>
        <translation>按周一至周五计算：工作日历还没有 %1 年的节假日，这个日期可能落在节假日上，也没有计入调休上班日。</translation>
    </message>
</context>
<context>
    <name>gw::GridCell</name>
    <message>
        <source>The area of grid cell %1 must be a GeoJSON geometry object.</source>
        <translation>单元网格 %1 的范围必须是 GeoJSON 几何对象。</translation>
    </message>
    <message>
        <source>A grid cell&apos;s code is 3 to 32 letters, digits or hyphens, like &quot;530103001001001&quot;; &quot;%1&quot; is not one.</source>
        <translation>单元网格编码由 3 至 32 个字母、数字或连字符组成，例如“530103001001001”；“%1”不符合。</translation>
    </message>
    <message>
        <source>Grid cell %1 needs a name of at most %2 characters.</source>
        <translation>单元网格 %1 须有名称，最多 %2 个字。</translation>
    </message>
    <message>
        <source>Grid cell %1 needs the community it belongs to.</source>
        <translation>单元网格 %1 须注明所属社区。</translation>
    </message>
    <message>
        <source>The area of grid cell %1: %2</source>
        <translation>单元网格 %1 的范围：%2</translation>
    </message>
    <message>
        <source>a polygon needs at least its outer ring.</source>
        <translation>多边形至少要有外环。</translation>
    </message>
    <message>
        <source>each ring needs at least four positions, the last repeating the first.</source>
        <translation>每个环至少 4 个点，最后一点与第一点相同。</translation>
    </message>
    <message>
        <source>it has more than %1 positions.</source>
        <translation>点数超过 %1 个。</translation>
    </message>
    <message>
        <source>each position is [longitude, latitude] in degrees (WGS 84).</source>
        <translation>每个点为 [经度, 纬度]，单位为度（WGS 84）。</translation>
    </message>
    <message>
        <source>each ring must end at the position it starts from.</source>
        <translation>每个环必须在起点闭合。</translation>
    </message>
    <message>
        <source>a MultiPolygon needs at least one polygon.</source>
        <translation>MultiPolygon 至少要有一个多边形。</translation>
    </message>
    <message>
        <source>GeoJSON type &quot;%1&quot; is not a Polygon or MultiPolygon.</source>
        <translation>GeoJSON 类型“%1”不是 Polygon 或 MultiPolygon。</translation>
    </message>
</context>
<context>
    <name>gw::IndicatorEditor</name>
    <message>
        <source>Assessment indicators</source>
        <translation>考核指标</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Valid: version %1, %2 indicators.</source>
        <translation>有效：版本 %1，共 %2 个指标。</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s): fix them to save.</source>
        <translation>
            <numerusform>%n 个问题：修正后才能保存。</numerusform>
        </translation>
    </message>
    <message>
        <source>Takes effect from:</source>
        <translation>生效月份：</translation>
    </message>
    <message>
        <source>Save on the server</source>
        <translation>保存到服务器</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Saved as version %1 of the indicator sets, in force from %2. Every computer&apos;s dashboard uses it from its next sync; this one already does.</source>
        <translation>已保存为考核指标第 %1 版，自 %2 起生效。其他电脑的考核看板下次同步后使用，本机已生效。</translation>
    </message>
    <message>
        <source>Working offline: the indicator sets are shown as last synced and cannot be changed. They are kept on the district server; sign in online to change them.</source>
        <translation>离线工作：显示的是上次同步的考核指标，不能修改。考核指标保存在区服务器上，请联网登录后修改。</translation>
    </message>
    <message>
        <source>Only assessment administrators change the indicator sets (an administrator gives the grant in the account console).</source>
        <translation>只有考核管理员可以修改考核指标（由系统管理员在账号管理中授予）。</translation>
    </message>
    <message>
        <source>The district&apos;s indicator sets, version %1, changed by %2 at %3.</source>
        <translation>全区考核指标第 %1 版，由 %2 于 %3 修改。</translation>
    </message>
    <message>
        <source>The indicator set shipped with GridWhistle; the district server&apos;s arrives with the next sync.</source>
        <translation>GridWhistle 自带的考核指标；区服务器的版本将在下次同步时到达。</translation>
    </message>
    <message>
        <source>In force in %1: %2 (version %3, from %4)</source>
        <translation>%1 适用：%2（版本 %3，自 %4 起）</translation>
    </message>
    <message>
        <source>Saving on the district server…</source>
        <translation>正在保存到区服务器…</translation>
    </message>
    <message>
        <source>The indicator set decides how streets and departments are scored. Weights per unit kind must add up to 100. Reports name the version, so change &quot;version&quot; whenever you change the rules. A month is assessed with the set in force in it.</source>
        <translation>考核指标决定街道和部门如何计分。同类单位的权重之和须为 100。报表会注明指标版本，修改规则时请同时修改“version”。每个月按当月生效的指标考核。</translation>
    </message>
</context>
<context>
    <name>gw::IndicatorSchedule</name>
    <message>
        <source>The month a set takes effect is written like 2027-01; &quot;%1&quot; is not one.</source>
        <translation>生效月份应写作 2027-01 这样的格式；“%1”不符合。</translation>
    </message>
    <message>
        <source>The district keeps at most %1 indicator sets.</source>
        <translation>全区最多保存 %1 套考核指标。</translation>
    </message>
    <message>
        <source>The indicator schedule has no &quot;sets&quot; list.</source>
        <translation>考核指标数据中没有“sets”列表。</translation>
    </message>
    <message>
        <source>Two indicator sets take effect in %1.</source>
        <translation>%1 有两套考核指标同时生效。</translation>
    </message>
    <message>
        <source>Version %1 already names the set in force from %2, with other rules. Give the changed set its own version: reports tell the rules apart by it.</source>
        <translation>版本 %1 已是自 %2 起生效的另一套指标的名称，两者规则不同。请为修改后的指标另起版本号：报表靠版本号区分考核规则。</translation>
    </message>
    <message>
        <source>The district&apos;s indicator sets would take more than %1 KB; remove sets no month uses any more.</source>
        <translation>全区考核指标将超过 %1 KB；请删除已不再使用的指标版本。</translation>
    </message>
</context>
<context>
    <name>gw::IndicatorSet</name>
    <message>
        <source>The indicator set is not valid:
%1</source>
        <translation>指标集无效：
%1</translation>
    </message>
    <message>
        <source>Cannot read the indicator file %1: %2</source>
        <translation>无法读取指标文件 %1：%2</translation>
    </message>
    <message>
        <source>The indicator file %1 is larger than 1 MB.</source>
        <translation>指标文件 %1 超过 1 MB。</translation>
    </message>
    <message>
        <source>Cannot write the indicator file %1: %2</source>
        <translation>无法写入指标文件 %1：%2</translation>
    </message>
    <message>
        <source>missing (a number is required)</source>
        <translation>缺失（需要数字）</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>必须是数字</translation>
    </message>
    <message>
        <source>must not be negative (%1)</source>
        <translation>不能为负数（%1）</translation>
    </message>
    <message>
        <source>is too large (%1)</source>
        <translation>过大（%1）</translation>
    </message>
    <message>
        <source>missing (text is required)</source>
        <translation>缺失（需要文本）</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>必须是文本</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <source>is too long (at most %1 characters)</source>
        <translation>过长（最多 %1 个字符）</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>必须是对象</translation>
    </message>
    <message>
        <source>unknown indicator id &quot;%1&quot;; known ids: %2</source>
        <translation>未知的指标 ID“%1”；已知 ID：%2</translation>
    </message>
    <message>
        <source>indicator &quot;%1&quot; appears twice</source>
        <translation>指标“%1”重复出现</translation>
    </message>
    <message>
        <source>missing (an object {&quot;street&quot;: n, &quot;department&quot;: n})</source>
        <translation>缺失（需要对象 {&quot;street&quot;: n, &quot;department&quot;: n}）</translation>
    </message>
    <message>
        <source>must be an object {&quot;street&quot;: n, &quot;department&quot;: n}</source>
        <translation>必须是对象 {&quot;street&quot;: n, &quot;department&quot;: n}</translation>
    </message>
    <message>
        <source>unknown unit kind (use street or department)</source>
        <translation>未知的单位类型（请使用 street 或 department）</translation>
    </message>
    <message>
        <source>give a weight for street, department or both</source>
        <translation>请为街道、部门或两者设置权重</translation>
    </message>
    <message>
        <source>floor (%1) must be below target (%2)</source>
        <translation>下限（%1）必须低于目标值（%2）</translation>
    </message>
    <message>
        <source>target (%1) must be below ceiling (%2)</source>
        <translation>目标值（%1）必须低于上限（%2）</translation>
    </message>
    <message>
        <source>a band needs floor &lt; low &lt;= high &lt; ceiling (%1, %2, %3, %4)</source>
        <translation>区间需满足 下限 &lt; 低值 &lt;= 高值 &lt; 上限（%1、%2、%3、%4）</translation>
    </message>
    <message>
        <source>must be higher, lower or band (not &quot;%1&quot;)</source>
        <translation>必须是 higher、lower 或 band（而不是“%1”）</translation>
    </message>
    <message>
        <source>Not valid JSON at byte %1: %2</source>
        <translation>第 %1 字节处不是有效的 JSON：%2</translation>
    </message>
    <message>
        <source>The indicator file must be a JSON object.</source>
        <translation>指标文件必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>missing (a list of indicators is required)</source>
        <translation>缺失（需要指标列表）</translation>
    </message>
    <message>
        <source>must be a non-empty list</source>
        <translation>必须是非空列表</translation>
    </message>
    <message>
        <source>at most %1 indicators</source>
        <translation>最多 %1 个指标</translation>
    </message>
    <message>
        <source>street weights add up to %1, not 100</source>
        <translation>街道权重合计为 %1，而不是 100</translation>
    </message>
    <message>
        <source>department weights add up to %1, not 100</source>
        <translation>部门权重合计为 %1，而不是 100</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>unknown callback result (use satisfied, basic, dissatisfied)</source>
        <translation>未知的回访结果（请使用 satisfied、basic、dissatisfied）</translation>
    </message>
    <message>
        <source>must be at most 100</source>
        <translation>不能超过 100</translation>
    </message>
    <message>
        <source>missing (points for the 1st, 2nd, ... failed verification)</source>
        <translation>缺失（第 1 次、第 2 次……核查不通过的扣分）</translation>
    </message>
    <message>
        <source>must be a non-empty list of numbers</source>
        <translation>必须是非空的数字列表</translation>
    </message>
    <message>
        <source>a repeated failure must not deduct less than the one before</source>
        <translation>重复不通过的扣分不能少于前一次</translation>
    </message>
    <message>
        <source>must be an object {&quot;method&quot;: &quot;mean&quot; or &quot;weighted&quot;, ...}</source>
        <translation>必须是对象 {&quot;method&quot;: &quot;mean&quot; 或 &quot;weighted&quot;, ...}</translation>
    </message>
    <message>
        <source>unknown field (use method, monthWeights, minimumMonths, description)</source>
        <translation>未知字段（可用 method、monthWeights、minimumMonths、description）</translation>
    </message>
    <message>
        <source>must be mean or weighted (not &quot;%1&quot;)</source>
        <translation>必须是 mean 或 weighted（不是“%1”）</translation>
    </message>
    <message>
        <source>must be a whole number of months, 1 to 12</source>
        <translation>必须是 1 到 12 的整月数</translation>
    </message>
    <message>
        <source>a weighted roll-up needs 12 month weights (January first)</source>
        <translation>加权汇总需要 12 个月的权重（从 1 月开始）</translation>
    </message>
    <message>
        <source>must be a number, not negative</source>
        <translation>必须是不小于 0 的数字</translation>
    </message>
    <message>
        <source>at least one month must weigh more than 0</source>
        <translation>至少一个月的权重要大于 0</translation>
    </message>
    <message>
        <source>month weights are only for the weighted method</source>
        <translation>月份权重只用于加权方法</translation>
    </message>
</context>
<context>
    <name>gw::InstallCheck</name>
    <message>
        <source>Local store (SQLite) opens and migrates</source>
        <translation>本地数据（SQLite）可以打开并完成迁移</translation>
    </message>
    <message>
        <source>Sync layer is built in</source>
        <translation>已内置同步模块</translation>
    </message>
    <message>
        <source>Server address and CA certificate are usable</source>
        <translation>服务器地址和 CA 证书可用</translation>
    </message>
    <message>
        <source>no answer from %1 within %2 s</source>
        <translation>%1 在 %2 秒内无应答</translation>
    </message>
    <message>
        <source>Log in over TLS as %1</source>
        <translation>以 %1 身份通过 TLS 登录</translation>
    </message>
    <message>
        <source>Installation check</source>
        <translation>安装检查</translation>
    </message>
    <message>
        <source>Registered by gridwhistle --check-install on %1 to prove the installation works; no action needed.</source>
        <translation>由 gridwhistle --check-install 于 %1 登记，用于验证安装是否正常；无需处理。</translation>
    </message>
    <message>
        <source>(installation check)</source>
        <translation>（安装检查）</translation>
    </message>
    <message>
        <source>Register a case in the local store</source>
        <translation>在本地数据中登记哨件</translation>
    </message>
    <message>
        <source>sync did not finish within %1 s</source>
        <translation>同步未在 %1 秒内完成</translation>
    </message>
    <message>
        <source>Sync with the district server</source>
        <translation>与区级服务器同步</translation>
    </message>
    <message>
        <source>The server holds the case</source>
        <translation>服务器已保存该哨件</translation>
    </message>
    <message>
        <source>number %1</source>
        <translation>编号 %1</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>无应答</translation>
    </message>
    <message>
        <source>screenshot saved to %1</source>
        <translation>截图已保存到 %1</translation>
    </message>
    <message>
        <source>cannot save the screenshot to %1</source>
        <translation>无法将截图保存到 %1</translation>
    </message>
    <message>
        <source>Main window opens</source>
        <translation>主窗口可以打开</translation>
    </message>
    <message>
        <source>Installation check passed.</source>
        <translation>安装检查通过。</translation>
    </message>
    <message>
        <source>skipped: %1 does not register cases</source>
        <translation>已跳过：%1 不登记哨件</translation>
    </message>
</context>
<context>
    <name>gw::LocalDatabase</name>
    <message>
        <source>The data file %1 is damaged or is not a GridWhistle data file (%2). Restore it from a backup, or move it away to start with an empty one.</source>
        <translation>数据文件 %1 已损坏，或不是网格吹哨数据文件（%2）。请从备份恢复，或将其移走后使用空数据文件重新开始。</translation>
    </message>
    <message>
        <source>The data file %1 is in use by another program. Close it and try again.</source>
        <translation>数据文件 %1 正被其他程序使用。请关闭该程序后重试。</translation>
    </message>
    <message>
        <source>The data file %1 is read-only. Make it writable or choose another file.</source>
        <translation>数据文件 %1 为只读。请设为可写或选择其他文件。</translation>
    </message>
    <message>
        <source>The data file %1 cannot be opened: %2</source>
        <translation>无法打开数据文件 %1：%2</translation>
    </message>
    <message>
        <source>The local data file is not open.</source>
        <translation>本地数据文件未打开。</translation>
    </message>
    <message>
        <source>The local data file could not be updated (%1): the disk is full or cannot be written. Free some disk space and try again; everything saved before is kept. (%2)</source>
        <translation>无法更新本地数据文件（%1）：磁盘已满或无法写入。请释放部分磁盘空间后重试；此前保存的所有内容均会保留。（%2）</translation>
    </message>
    <message>
        <source>The local data file could not be updated (%1): %2</source>
        <translation>无法更新本地数据文件（%1）：%2</translation>
    </message>
    <message>
        <source>No data file was given.</source>
        <translation>未指定数据文件。</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 不是文件。</translation>
    </message>
    <message>
        <source>The folder %1 for the data file cannot be created. Choose a folder you may write to.</source>
        <translation>无法创建数据文件所在的文件夹 %1。请选择有写入权限的文件夹。</translation>
    </message>
    <message>
        <source>The folder %1 is not writable. The data file keeps its journal next to it, so choose a folder you may write to.</source>
        <translation>文件夹 %1 不可写。数据文件的日志保存在其旁边，因此请选择有写入权限的文件夹。</translation>
    </message>
    <message>
        <source>The SQLite driver of Qt (QSQLITE) is not installed.</source>
        <translation>未安装 Qt 的 SQLite 驱动（QSQLITE）。</translation>
    </message>
    <message>
        <source>The data file %1 cannot use write-ahead logging (journal mode stays &quot;%2&quot;).</source>
        <translation>数据文件 %1 无法使用预写日志（日志模式仍为“%2”）。</translation>
    </message>
    <message>
        <source>commit</source>
        <translation>提交事务</translation>
    </message>
</context>
<context>
    <name>gw::LocalServerLauncher</name>
    <message>
        <source>The local district server did not report that it is ready within %1 seconds.</source>
        <translation>本机区级服务器未在 %1 秒内报告就绪。</translation>
    </message>
    <message>
        <source>Cannot start the local district server &quot;%1&quot;: %2</source>
        <translation>无法启动本机区级服务器“%1”：%2</translation>
    </message>
    <message>
        <source>The local district server crashed while starting.%1</source>
        <translation>本机区级服务器在启动时崩溃。%1</translation>
    </message>
    <message>
        <source>The local district server stopped while starting (exit code %1).%2</source>
        <translation>本机区级服务器在启动时退出（退出码 %1）。%2</translation>
    </message>
    <message>
        <source>The district server program (%1) was not found next to the client. Reinstall GridWhistle or connect to the district server instead.</source>
        <translation>在客户端所在目录中找不到区级服务器程序（%1）。请重新安装网格吹哨，或改为连接区级服务器。</translation>
    </message>
    <message>
        <source>Cannot create the server&apos;s data folder %1.</source>
        <translation>无法创建服务器数据文件夹 %1。</translation>
    </message>
    <message>
        <source>Another GridWhistle window (process %1) is already running the district server on this computer. Sign in there, or close it and try again.</source>
        <translation>另一个网格吹哨窗口（进程 %1）已在本机运行区级服务器。请在该窗口登录，或将其关闭后重试。</translation>
    </message>
    <message>
        <source>Cannot lock the server&apos;s data folder %1.</source>
        <translation>无法锁定服务器数据文件夹 %1。</translation>
    </message>
    <message>
        <source>A district server left running by an earlier start (process %1) cannot be stopped: %2</source>
        <translation>无法停止上次启动后遗留运行的区级服务器（进程 %1）：%2</translation>
    </message>
    <message>
        <source>A district server left running by an earlier start (process %1) did not stop. End it in the task manager and try again.</source>
        <translation>上次启动后遗留运行的区级服务器（进程 %1）未能停止。请在任务管理器中结束该进程后重试。</translation>
    </message>
    <message>
        <source>The local district server could not start: %1</source>
        <translation>本机区级服务器无法启动：%1</translation>
    </message>
</context>
<context>
    <name>gw::LockScreen</name>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Quit GridWhistle</source>
        <translation>退出网格吹哨指挥台</translation>
    </message>
    <message>
        <source>GridWhistle is locked</source>
        <translation>网格吹哨指挥台已锁定</translation>
    </message>
    <message numerus="yes">
        <source>Nobody used this window for %n minute(s). To go on, %1 (%2) enters their password. Actions not yet sent are kept on this computer.</source>
        <translation>
            <numerusform>本窗口已 %n 分钟无人操作。请 %1（%2）输入本人密码后继续。尚未发送的操作已保存在本机。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gw::LoginDialog</name>
    <message>
        <source>Login failed: %1</source>
        <translation>登录失败：%1</translation>
    </message>
    <message>
        <source>GridWhistle — sign in</source>
        <translation>网格吹哨 — 登录</translation>
    </message>
    <message>
        <source>GridWhistle grid command center</source>
        <translation>网格吹哨指挥台</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>First start on this computer. To try GridWhistle or work at a single desk, keep &quot;Start a district server on this computer&quot; and sign in with a demo account (e.g. dispatcher, password %1). To join your district, choose &quot;Connect to the district server&quot; and enter the address IT gave you; Settings holds the CA certificate file.</source>
        <translation>这是本机首次启动。如需试用网格吹哨或单机办公，请保留“在本机启动区级服务器”，并使用演示账号登录（例如 dispatcher，密码 %1）。如需接入本区系统，请选择“连接区级服务器”并输入信息化部门提供的地址；CA 证书文件在“设置”中配置。</translation>
    </message>
    <message>
        <source>Start a district server on this computer</source>
        <translation>在本机启动区级服务器</translation>
    </message>
    <message>
        <source>Connect to the district server</source>
        <translation>连接区级服务器</translation>
    </message>
    <message>
        <source>Server address:</source>
        <translation>服务器地址：</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Work offline</source>
        <translation>离线办公</translation>
    </message>
    <message>
        <source>Use the session last signed in on this computer; changes are sent at the next sync</source>
        <translation>使用本机上次登录的会话；变更将在下次同步时发送</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Starting the district server on this computer…</source>
        <translation>正在本机启动区级服务器…</translation>
    </message>
    <message>
        <source>Signing in to %1…</source>
        <translation>正在登录 %1…</translation>
    </message>
    <message>
        <source>Enter your password. Working offline needs the password of your last online sign-in on this computer.</source>
        <translation>请输入密码。离线工作需要您上次在本机联网登录时使用的密码。</translation>
    </message>
    <message>
        <source>Choose your own password to sign in as %1.</source>
        <translation>以 %1 登录前须先设置您自己的密码。</translation>
    </message>
</context>
<context>
    <name>gw::MainWindow</name>
    <message>
        <source>Export selected cases…</source>
        <translation>导出所选哨件…</translation>
    </message>
    <message>
        <source>Export list…</source>
        <translation>导出列表…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>同步(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;upervisor</source>
        <translation>督查考核(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>&amp;New case…</source>
        <translation>新建哨件(&amp;N)…</translation>
    </message>
    <message>
        <source>Register a new case (Ctrl+N)</source>
        <translation>登记新哨件（Ctrl+N）</translation>
    </message>
    <message>
        <source>Export the selected cases, or the whole list, as CSV for Excel (Ctrl+E)</source>
        <translation>将所选哨件或整个列表导出为 CSV，可用 Excel 打开（Ctrl+E）</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Next case</source>
        <translation>下一个哨件(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous case</source>
        <translation>上一个哨件(&amp;P)</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>立即同步(&amp;N)</translation>
    </message>
    <message>
        <source>Send waiting actions and fetch changes from the district server (F5)</source>
        <translation>发送待同步操作并从区级服务器获取变更（F5）</translation>
    </message>
    <message>
        <source>&amp;Conflict inbox…</source>
        <translation>同步冲突(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Assessment dashboard</source>
        <translation>考核看板(&amp;A)</translation>
    </message>
    <message>
        <source>Assessment of streets and departments (Ctrl+D)</source>
        <translation>街道和部门考核（Ctrl+D）</translation>
    </message>
    <message>
        <source>&amp;About GridWhistle</source>
        <translation>关于网格吹哨(&amp;A)</translation>
    </message>
    <message>
        <source>GridWhistle — %1%2</source>
        <translation>网格吹哨 — %1%2</translation>
    </message>
    <message>
        <source> [offline]</source>
        <translation> [离线]</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation>当前登录：%1（%2）</translation>
    </message>
    <message>
        <source>Cases waiting for a step that your role takes now</source>
        <translation>等待您的角色办理下一步的哨件</translation>
    </message>
    <message>
        <source>Open cases past a deadline</source>
        <translation>已超过期限的未结哨件</translation>
    </message>
    <message>
        <source>Every case you may see</source>
        <translation>您有权查看的全部哨件</translation>
    </message>
    <message>
        <source>%1 of %2 cases loaded</source>
        <translation>已加载 %1 / %2 个哨件</translation>
    </message>
    <message>
        <source>The list can be sorted by number, registration time or next deadline.</source>
        <translation>列表可按编号、登记时间或下一期限排序。</translation>
    </message>
    <message>
        <source>Not signed in to a district server: restart GridWhistle and sign in to synchronise.</source>
        <translation>未登录区级服务器：请重新启动网格吹哨并登录后再同步。</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n case(s) to %1</source>
        <translation>
            <numerusform>已将 %n 个哨件导出到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>cases-%1.csv</source>
        <translation>哨件-%1.csv</translation>
    </message>
    <message>
        <source>Export cases</source>
        <translation>导出哨件</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>About GridWhistle</source>
        <translation>关于网格吹哨</translation>
    </message>
    <message>
        <source>&lt;h3&gt;GridWhistle %1&lt;/h3&gt;&lt;p&gt;Grid command center for Panlong District: streets blow the whistle, departments report for duty (街道吹哨、部门报到).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;网格吹哨 %1&lt;/h3&gt;&lt;p&gt;盘龙区网格化治理指挥台：街道吹哨、部门报到。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>C&amp;ity exchange…</source>
        <translation>市级平台对接(&amp;I)…</translation>
    </message>
    <message>
        <source>Exchanges with the city platform: failed messages, retry, pull, reconcile</source>
        <translation>与市级平台的交换：失败消息、重试、拉取、对账</translation>
    </message>
    <message>
        <source>Build %1 · commit %2 · %3 · Qt %4
Data folder: %5</source>
        <translation>构建 %1 · 提交 %2 · %3 · Qt %4
数据文件夹：%5</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Fetching cases from the district server…</source>
        <translation>正在从区级服务器获取哨件…</translation>
    </message>
    <message>
        <source> [demo data]</source>
        <translation> [演示数据]</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>The district server on this computer holds a made-up demo district, not real cases.</source>
        <translation>本机区级服务器中是虚构的演示辖区数据，不是真实哨件。</translation>
    </message>
    <message>
        <source>Change my &amp;password…</source>
        <translation>修改我的密码(&amp;P)…</translation>
    </message>
</context>
<context>
    <name>gw::MaintenanceCommand</name>
    <message>
        <source>Usage: gridwhistle-server backup  --data-dir DIR --output FILE   (online, while the server runs)
       gridwhistle-server restore --data-dir DIR --input FILE    (the server must be stopped)
  --config FILE and GW_SERVER_* variables are read as for the server.
  PostgreSQL (--database URL): use pg_dump / pg_restore, see docs/server.md.
</source>
        <translation>用法：gridwhistle-server backup  --data-dir DIR --output FILE   （在线备份，服务器运行时即可执行）
      gridwhistle-server restore --data-dir DIR --input FILE    （必须先停止服务器）
  --config FILE 和 GW_SERVER_* 变量的读取方式与服务器相同。
  PostgreSQL（--database URL）：请使用 pg_dump / pg_restore，参见 docs/server.md。
</translation>
    </message>
    <message>
        <source>%1 needs a file name.</source>
        <translation>%1 需要文件名。</translation>
    </message>
    <message>
        <source>%1 FILE is required.</source>
        <translation>必须提供 %1 FILE。</translation>
    </message>
    <message>
        <source>This server keeps its data in PostgreSQL. Back up with pg_dump --format=custom and restore with pg_restore, as shown in docs/server.md.</source>
        <translation>本服务器的数据保存在 PostgreSQL 中。请使用 pg_dump --format=custom 备份，使用 pg_restore 恢复，详见 docs/server.md。</translation>
    </message>
    <message>
        <source>Backed up %1 to %2 (%3); integrity check passed.</source>
        <translation>已将 %1 备份到 %2（%3）；完整性检查通过。</translation>
    </message>
    <message>
        <source>A gridwhistle-server is running on %1. Stop it first (systemctl stop gridwhistle-server), then restore.</source>
        <translation>数据目录 %1 正被一个运行中的 gridwhistle-server 使用。请先停止它（systemctl stop gridwhistle-server），然后再恢复。</translation>
    </message>
    <message>
        <source>Restored %1 from %2 (%3).</source>
        <translation>已从 %2 恢复 %1（%3）。</translation>
    </message>
    <message>
        <source>The previous database was kept as %1.</source>
        <translation>原数据库已保留为 %1。</translation>
    </message>
    <message>
        <source>Start the server; it upgrades the schema if the backup is older.</source>
        <translation>请启动服务器；如果备份较旧，服务器会自动升级数据库结构。</translation>
    </message>
    <message>
        <source>schema version %1, %2 events, %3 cases, %4 users, %5 KB</source>
        <translation>结构版本 %1，事件 %2 条，哨件 %3 件，账号 %4 个，%5 KB</translation>
    </message>
</context>
<context>
    <name>gw::Migrations</name>
    <message>
        <source>This data file has schema version %1, newer than this program understands (%2). Install the newer GridWhistle.</source>
        <translation>该数据文件的结构版本为 %1，高于本程序支持的版本（%2）。请安装新版网格吹哨。</translation>
    </message>
</context>
<context>
    <name>gw::OfficeHoursBox</name>
    <message>
        <source>Office hours</source>
        <translation>办公时间</translation>
    </message>
    <message>
        <source>Save office hours</source>
        <translation>保存办公时间</translation>
    </message>
    <message>
        <source>The step clocks (研判, 审核, 发起吹哨, 核查, 结案) count working hours only within these times</source>
        <translation>研判、审核、发起吹哨、核查、结案各环节时限只在办公时间内计算工作小时</translation>
    </message>
    <message>
        <source>Morning</source>
        <translation>上午</translation>
    </message>
    <message>
        <source>Afternoon</source>
        <translation>下午</translation>
    </message>
    <message numerus="yes">
        <source>%n office hour(s) a working day</source>
        <translation>
            <numerusform>每个工作日办公 %n 小时</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min a working day</source>
        <translation>每个工作日办公 %1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>Nothing to save: these are the district&apos;s office hours already.</source>
        <translation>无需保存：这已是全区的办公时间。</translation>
    </message>
</context>
<context>
    <name>gw::OfflineCredentials</name>
    <message>
        <source>%1 has not signed in online on this computer yet (or the district server has since refused that sign-in). Sign in online once; after that %1 can work offline.</source>
        <translation>%1 尚未在本机联网登录过（或区级服务器此后已拒绝该登录）。请先联网登录一次，之后 %1 即可离线工作。</translation>
    </message>
    <message>
        <source>Too many wrong passwords. Try again after %1.</source>
        <translation>密码错误次数过多，请在 %1 之后再试。</translation>
    </message>
    <message numerus="yes">
        <source>Wrong password for %1 (%n attempt(s) left before a pause).</source>
        <translation>
            <numerusform>%1 的密码错误（再错 %n 次将暂停登录）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrong password for %1. Wait before trying again.</source>
        <translation>%1 的密码错误，请稍候再试。</translation>
    </message>
</context>
<context>
    <name>gw::OrgDirectory</name>
    <message>
        <source>Org unit file is not valid JSON: %1</source>
        <translation>组织单位文件不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>Org unit id %1 appears twice.</source>
        <translation>组织单位 ID %1 重复出现。</translation>
    </message>
    <message>
        <source>Community %1 must name an existing street as its parent.</source>
        <translation>社区 %1 必须以一个已有街道作为上级。</translation>
    </message>
    <message>
        <source>Cannot read org unit file %1: %2</source>
        <translation>无法读取组织单位文件 %1：%2</translation>
    </message>
    <message>
        <source>The org directory has no &quot;units&quot; list.</source>
        <translation>组织机构数据中没有“units”列表。</translation>
    </message>
    <message>
        <source>The org directory&apos;s &quot;gridCells&quot; must be a list.</source>
        <translation>组织机构数据中的“gridCells”必须是列表。</translation>
    </message>
    <message>
        <source>Org unit #%1: %2</source>
        <translation>第 %1 个组织单位：%2</translation>
    </message>
    <message>
        <source>Grid cell #%1: %2</source>
        <translation>第 %1 个单元网格：%2</translation>
    </message>
    <message>
        <source>Only a community has a parent unit; %1 is %2.</source>
        <translation>只有社区有上级单位；%1 是%2。</translation>
    </message>
    <message>
        <source>Grid cell code %1 is already used.</source>
        <translation>单元网格编码 %1 已被使用。</translation>
    </message>
    <message>
        <source>Grid cell %1 must belong to an existing community; &quot;%2&quot; is not one.</source>
        <translation>单元网格 %1 必须属于一个已有社区；“%2”不是。</translation>
    </message>
    <message>
        <source>Org unit code %1 is already used by %2.</source>
        <translation>组织单位编码 %1 已被“%2”使用。</translation>
    </message>
    <message>
        <source>There is no org unit %1.</source>
        <translation>不存在组织单位 %1。</translation>
    </message>
    <message>
        <source>%1 stays %2: cases and accounts name it.</source>
        <translation>%1的类型不能改变（%2）：哨件和账号都引用它。</translation>
    </message>
    <message>
        <source>Grid cell code %1 is already used by %2.</source>
        <translation>单元网格编码 %1 已被“%2”使用。</translation>
    </message>
    <message>
        <source>There is no grid cell %1.</source>
        <translation>不存在单元网格 %1。</translation>
    </message>
    <message>
        <source>code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>street</source>
        <translation>所属街道</translation>
    </message>
    <message>
        <source>community</source>
        <translation>所属社区</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>duty contact</source>
        <translation>值班联系人</translation>
    </message>
    <message>
        <source>duty phone</source>
        <translation>值班电话</translation>
    </message>
    <message>
        <source>area</source>
        <translation>网格范围</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message numerus="yes">
        <source>GeoJSON, %n position(s)</source>
        <translation>
            <numerusform>GeoJSON，%n 个点</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 already has a grid cell named %2.</source>
        <translation>%1已有名为“%2”的单元网格。</translation>
    </message>
    <message>
        <source>Only communities and departments are added here; %1 is %2.</source>
        <translation>这里只能新增社区和职能部门；%1是%2。</translation>
    </message>
    <message>
        <source>%1 stays under %2: its cases were registered there. Add a new community under the other street and stop using this one.</source>
        <translation>%1只能留在%2下：它的哨件都登记在那里。请在另一个街道下新增社区，并停用这个社区。</translation>
    </message>
</context>
<context>
    <name>gw::OrgDirectoryDialog</name>
    <message>
        <source>Org directory and grid cells</source>
        <translation>组织机构与网格</translation>
    </message>
    <message>
        <source>Unit / grid cell</source>
        <translation>单位 / 单元网格</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>New community</source>
        <translation>新增社区</translation>
    </message>
    <message>
        <source>New grid cell</source>
        <translation>新增网格</translation>
    </message>
    <message>
        <source>New department</source>
        <translation>新增部门</translation>
    </message>
    <message>
        <source>Save on the server</source>
        <translation>保存到服务器</translation>
    </message>
    <message>
        <source>Import grid cell area</source>
        <translation>导入网格范围</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson *.json)</source>
        <translation>GeoJSON 文件 (*.geojson *.json)</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Saved as version %1 of the org directory. Other computers use it from their next sync; this one already does.</source>
        <translation>已保存为组织机构第 %1 版。其他电脑下次同步后使用，本机已生效。</translation>
    </message>
    <message>
        <source>Working offline: the org directory is shown as last synced and cannot be changed. It is kept on the district server; sign in online to change it.</source>
        <translation>离线工作：显示的是上次同步的组织机构，不能修改。组织机构保存在区服务器上，请联网登录后修改。</translation>
    </message>
    <message>
        <source>Only administrators change the district&apos;s org directory and grid cells.</source>
        <translation>只有系统管理员可以修改全区组织机构与网格。</translation>
    </message>
    <message>
        <source>e.g. community.tuodong.4</source>
        <translation>例如 community.tuodong.4</translation>
    </message>
    <message>
        <source>e.g. 值班室</source>
        <translation>例如 值班室</translation>
    </message>
    <message>
        <source>e.g. 0871-63110001</source>
        <translation>例如 0871-63110001</translation>
    </message>
    <message>
        <source>In use (offered in forms)</source>
        <translation>在用（表单中可选）</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Street:</source>
        <translation>所属街道：</translation>
    </message>
    <message>
        <source>Duty contact:</source>
        <translation>值班联系人：</translation>
    </message>
    <message>
        <source>Duty phone:</source>
        <translation>值班电话：</translation>
    </message>
    <message>
        <source>A unit&apos;s code never changes once saved: cases, accounts and assessments name it. A unit no longer in use is kept for the cases it has, and no longer offered in forms.</source>
        <translation>单位编码保存后不再改变：哨件、账号和考核都引用它。停用的单位为已有哨件保留，表单中不再提供。</translation>
    </message>
    <message>
        <source>e.g. 530103001001003</source>
        <translation>例如 530103001001003</translation>
    </message>
    <message>
        <source>Optional: the cell&apos;s boundary as GeoJSON (a Polygon or MultiPolygon in WGS 84 longitude/latitude), pasted or imported from a file.</source>
        <translation>可选：网格边界的 GeoJSON（WGS 84 经纬度的 Polygon 或 MultiPolygon），可粘贴或从文件导入。</translation>
    </message>
    <message>
        <source>Import from file…</source>
        <translation>从文件导入…</translation>
    </message>
    <message>
        <source>Grid cell code:</source>
        <translation>网格编码：</translation>
    </message>
    <message>
        <source>Community:</source>
        <translation>所属社区：</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>网格范围：</translation>
    </message>
    <message>
        <source>Grid cell codes follow the district&apos;s numbering (GB/T 30428: district 6 digits, street 3, community 3, cell 3). The registration form offers the cells of the chosen community.</source>
        <translation>网格编码按全区编码规则（GB/T 30428：区县 6 位、街道 3 位、社区 3 位、网格 3 位）。登记表单提供所选社区的单元网格。</translation>
    </message>
    <message>
        <source>%1 (not in use)</source>
        <translation>%1（停用）</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>职能部门</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>The area is not GeoJSON: %1 at character %2.</source>
        <translation>网格范围不是有效的 GeoJSON：%1（第 %2 个字符）。</translation>
    </message>
    <message>
        <source>%1 cannot be read, or is larger than 4 MB.</source>
        <translation>无法读取 %1，或文件超过 4 MB。</translation>
    </message>
    <message>
        <source>%1 holds no usable area: %2</source>
        <translation>%1 中没有可用的网格范围：%2</translation>
    </message>
    <message>
        <source>Saving on the district server…</source>
        <translation>正在保存到区服务器…</translation>
    </message>
    <message>
        <source>%1 streets, %2 communities, %3 grid cells, %4 departments.</source>
        <translation>%1 个街道，%2 个社区，%3 个单元网格，%4 个职能部门。</translation>
    </message>
    <message>
        <source>The district&apos;s org directory, version %1, changed by %2 at %3. %4</source>
        <translation>全区组织机构第 %1 版，由 %2 于 %3 修改。%4</translation>
    </message>
    <message>
        <source>The org directory shipped with GridWhistle; the district server&apos;s arrives with the next sync. %1</source>
        <translation>GridWhistle 自带的组织机构；区服务器的版本将在下次同步时到达。%1</translation>
    </message>
    <message>
        <source>No area: the cell is not drawn on maps.</source>
        <translation>未填范围：地图上不显示该网格。</translation>
    </message>
    <message numerus="yes">
        <source>%n position(s); longitude %1–%2, latitude %3–%4</source>
        <translation>
            <numerusform>%n 个点；经度 %1–%2，纬度 %3–%4</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gw::OrgUnit</name>
    <message>
        <source>the command center</source>
        <translation>指挥中心</translation>
    </message>
    <message>
        <source>a street office</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>a community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>a department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>An org unit&apos;s code is lower-case letters, digits and dots, like &quot;community.tuodong.4&quot;; &quot;%1&quot; is not one.</source>
        <translation>组织单位编码由小写字母、数字和点组成，例如“community.tuodong.4”；“%1”不符合。</translation>
    </message>
    <message>
        <source>Org unit %1 needs a name of at most %2 characters.</source>
        <translation>组织单位 %1 须有名称，最多 %2 个字。</translation>
    </message>
    <message>
        <source>Org unit %1 has an unknown kind &quot;%2&quot;.</source>
        <translation>组织单位 %1 的类型“%2”未知。</translation>
    </message>
    <message>
        <source>The duty contact of %1 is longer than %2 characters.</source>
        <translation>%1的值班联系人超过 %2 个字。</translation>
    </message>
    <message>
        <source>The duty phone of %1 is 5 to 20 digits (hyphens and spaces allowed); &quot;%2&quot; is not one.</source>
        <translation>%1的值班电话应为 5 至 20 位数字（可含连字符和空格）；“%2”不符合。</translation>
    </message>
    <message>
        <source>The duty contact of %1 needs both a name and a phone number.</source>
        <translation>%1的值班联系人须同时填写姓名和电话。</translation>
    </message>
</context>
<context>
    <name>gw::PagedPrinter</name>
    <message>
        <source>The printer did not take page %1.</source>
        <translation>打印机未能接收第 %1 页。</translation>
    </message>
    <message>
        <source>Cannot start printing.</source>
        <translation>无法开始打印。</translation>
    </message>
</context>
<context>
    <name>gw::ParentWatch</name>
    <message>
        <source>Process %1, which started this server, is not running.</source>
        <translation>启动本服务器的进程 %1 已不在运行。</translation>
    </message>
    <message>
        <source>--parent-pid needs the standard input to be a pipe from process %1 (the desktop client starts the server that way).</source>
        <translation>--parent-pid 要求标准输入是来自进程 %1 的管道（桌面客户端即以此方式启动服务器）。</translation>
    </message>
</context>
<context>
    <name>gw::PasswordPolicy</name>
    <message>
        <source>A password is %1 to %2 characters.</source>
        <translation>密码长度须为 %1 到 %2 个字符。</translation>
    </message>
    <message>
        <source>The password must not be your login id.</source>
        <translation>密码不能与登录名相同。</translation>
    </message>
    <message>
        <source>The password must not be the demo accounts&apos; password.</source>
        <translation>密码不能是演示账号的密码。</translation>
    </message>
    <message>
        <source>The new password must differ from the current one.</source>
        <translation>新密码不能与当前密码相同。</translation>
    </message>
</context>
<context>
    <name>gw::PhraseBook</name>
    <message>
        <source>Analysis note</source>
        <translation>研判意见</translation>
    </message>
    <message>
        <source>Review reason</source>
        <translation>审核意见</translation>
    </message>
    <message>
        <source>Note to the departments</source>
        <translation>吹哨说明</translation>
    </message>
    <message>
        <source>Check-in note</source>
        <translation>报到说明</translation>
    </message>
    <message>
        <source>Reason for returning</source>
        <translation>退回理由</translation>
    </message>
    <message>
        <source>Handling feedback</source>
        <translation>处置反馈</translation>
    </message>
    <message>
        <source>Reason for postponement</source>
        <translation>延期理由</translation>
    </message>
    <message>
        <source>Postponement decision</source>
        <translation>延期审批意见</translation>
    </message>
    <message>
        <source>Reason for rework</source>
        <translation>返工理由</translation>
    </message>
    <message>
        <source>Closing summary</source>
        <translation>结案小结</translation>
    </message>
    <message>
        <source>Reason for escalation</source>
        <translation>上报理由</translation>
    </message>
    <message>
        <source>Reason for reopening</source>
        <translation>重新办理理由</translation>
    </message>
    <message>
        <source>Reason for holding</source>
        <translation>挂起理由</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <source>A phrase field is named in lower-case letters, digits and &quot;_&quot;, like &quot;return_reason&quot;; &quot;%1&quot; is not one.</source>
        <translation>常用语栏目名由小写字母、数字和“_”组成，例如“return_reason”；“%1”不符合。</translation>
    </message>
    <message>
        <source>%1 has %2 phrases; at most %3 are kept per field.</source>
        <translation>%1有 %2 条常用语；每个栏目最多 %3 条。</translation>
    </message>
    <message>
        <source>A phrase of %1 is empty or starts or ends with spaces.</source>
        <translation>%1的某条常用语为空，或首尾有空格。</translation>
    </message>
    <message>
        <source>A phrase of %1 has %2 characters; at most %3.</source>
        <translation>%1的某条常用语有 %2 个字；最多 %3 个字。</translation>
    </message>
    <message>
        <source>A phrase of %1 holds a line break or tab: &quot;%2&quot;.</source>
        <translation>%1的常用语含有换行或制表符：“%2”。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is listed twice under %2.</source>
        <translation>“%1”在%2中重复出现。</translation>
    </message>
    <message>
        <source>The phrase book has no &quot;phrases&quot; object.</source>
        <translation>常用语数据中没有“phrases”对象。</translation>
    </message>
    <message>
        <source>The phrase book has %1 fields; at most %2.</source>
        <translation>常用语有 %1 个栏目；最多 %2 个。</translation>
    </message>
    <message>
        <source>The phrases of &quot;%1&quot; must be a list of texts.</source>
        <translation>“%1”的常用语必须是文本列表。</translation>
    </message>
    <message>
        <source>The phrase book is not valid JSON: %1</source>
        <translation>常用语数据不是有效的 JSON：%1</translation>
    </message>
</context>
<context>
    <name>gw::PhraseBookDialog</name>
    <message>
        <source>Phrase templates</source>
        <translation>常用语</translation>
    </message>
    <message>
        <source>New phrase, e.g. 已现场处置完毕</source>
        <translation>新常用语，例如 已现场处置完毕</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>The forms offer these phrases on every computer, in this order, before each person&apos;s own. A phrase is at most %1 characters on one line.</source>
        <translation>每台电脑的表单都按此顺序提供这些常用语，排在个人常用语之前。每条最多 %1 个字，不换行。</translation>
    </message>
    <message>
        <source>Save on the server</source>
        <translation>保存到服务器</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Saved as version %1 of the phrase templates. Other computers offer them from their next sync; this one already does.</source>
        <translation>已保存为常用语第 %1 版。其他电脑下次同步后提供，本机已生效。</translation>
    </message>
    <message>
        <source>Working offline: the district&apos;s phrases are shown as last synced and cannot be changed. They are kept on the district server; sign in online to change them.</source>
        <translation>离线工作：显示的是上次同步的全区常用语，不能修改。常用语保存在区服务器上，请联网登录后修改。</translation>
    </message>
    <message>
        <source>Only administrators change the district&apos;s phrase templates.</source>
        <translation>只有系统管理员可以修改全区常用语。</translation>
    </message>
    <message>
        <source>The district&apos;s phrase templates, version %1, changed by %2 at %3.</source>
        <translation>全区常用语第 %1 版，由 %2 于 %3 修改。</translation>
    </message>
    <message>
        <source>The phrases shipped with GridWhistle; the district server&apos;s arrive with the next sync.</source>
        <translation>GridWhistle 自带的常用语；区服务器的版本将在下次同步时到达。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1, not saved</source>
        <translation>%1，未保存</translation>
    </message>
    <message>
        <source>Nothing to save: the phrases of %1 are as the server has them.</source>
        <translation>无需保存：%1的常用语与服务器上一致。</translation>
    </message>
    <message>
        <source>Saving on the district server…</source>
        <translation>正在保存到区服务器…</translation>
    </message>
    <message>
        <source>The phrases of %1 are not saved on the server. Close and discard them?</source>
        <translation>%1的常用语尚未保存到服务器。关闭并放弃修改吗？</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>gw::PhraseCombo</name>
    <message>
        <source>Common phrases (常用语): pick one to insert it</source>
        <translation>常用语：选择一条即可插入</translation>
    </message>
    <message>
        <source>(no common phrases yet)</source>
        <translation>（暂无常用语）</translation>
    </message>
    <message>
        <source>Insert a common phrase…</source>
        <translation>插入常用语…</translation>
    </message>
    <message>
        <source>My phrases…</source>
        <translation>我的常用语…</translation>
    </message>
    <message>
        <source>District phrase</source>
        <translation>全区常用语</translation>
    </message>
    <message>
        <source>My phrase</source>
        <translation>我的常用语</translation>
    </message>
</context>
<context>
    <name>gw::PhraseEditorDialog</name>
    <message>
        <source>New phrase</source>
        <translation>新常用语</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Phrase</source>
        <translation>常用语</translation>
    </message>
    <message>
        <source>My phrases</source>
        <translation>我的常用语</translation>
    </message>
    <message>
        <source>Your own phrases for %1, offered after the district&apos;s. The district&apos;s phrases are kept by the administrators (Administration → Phrase templates).</source>
        <translation>您自己的%1常用语，排在全区常用语之后。全区常用语由系统管理员维护（系统管理 → 常用语）。</translation>
    </message>
</context>
<context>
    <name>gw::PhraseStore</name>
    <message>
        <source>A phrase needs a kind of at most 64 characters.</source>
        <translation>常用语类型不能为空，且最多 64 个字符。</translation>
    </message>
    <message>
        <source>The phrase is empty.</source>
        <translation>常用语为空。</translation>
    </message>
    <message>
        <source>The phrase is too long: %1 characters, at most 500.</source>
        <translation>常用语过长：%1 个字符，最多 500 个。</translation>
    </message>
    <message>
        <source>adding a phrase</source>
        <translation>添加常用语</translation>
    </message>
    <message>
        <source>removing a phrase</source>
        <translation>删除常用语</translation>
    </message>
    <message>
        <source>There is no such phrase to remove.</source>
        <translation>没有可删除的该条常用语。</translation>
    </message>
    <message>
        <source>updating phrase templates</source>
        <translation>更新常用语</translation>
    </message>
</context>
<context>
    <name>gw::ProtocolReader</name>
    <message>
        <source>The %1 has no &quot;%2&quot;.</source>
        <translation>%1中没有“%2”。</translation>
    </message>
    <message>
        <source>The %1 has &quot;%2&quot; in the wrong form (expected %3).</source>
        <translation>%1中“%2”的格式错误（应为%3）。</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>a date and time</source>
        <translation>日期时间</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
</context>
<context>
    <name>gw::PublicationHistoryView</name>
    <message>
        <source>Revision</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>发布人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Data up to</source>
        <translation>数据截至</translation>
    </message>
    <message>
        <source>Reference data used</source>
        <translation>所用基础数据</translation>
    </message>
    <message>
        <source>Results (SHA-256)</source>
        <translation>结果摘要 (SHA-256)</translation>
    </message>
    <message>
        <source>%1 has not been published yet.</source>
        <translation>%1 尚未发布。</translation>
    </message>
    <message>
        <source>The district server&apos;s results for %1 have not been fetched yet.</source>
        <translation>尚未取得区服务器 %1 的考核结果。</translation>
    </message>
    <message numerus="yes">
        <source>%n publication(s) of %1, newest first. Double-click one to show its ranking.</source>
        <translation>
            <numerusform>%1 共发布 %n 次，最新的在前。双击一行可查看该版本的排名。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 v%2</source>
        <translation>%1 第 %2 版</translation>
    </message>
    <message>
        <source>%1 (in force)</source>
        <translation>%1（现行）</translation>
    </message>
    <message>
        <source>(first publication)</source>
        <translation>（首次发布）</translation>
    </message>
    <message>
        <source>server sequence %1</source>
        <translation>服务器序号 %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>gw::PublicationStore</name>
    <message>
        <source>reading published assessments</source>
        <translation>读取已发布的考核</translation>
    </message>
    <message>
        <source>the stored results are not a JSON object</source>
        <translation>保存的结果不是 JSON 对象</translation>
    </message>
    <message>
        <source>publishing the month</source>
        <translation>发布月度考核</translation>
    </message>
    <message>
        <source>The stored publication of %1, revision %2, cannot be read (%3); run gridwhistle-server verify.</source>
        <translation>保存的 %1 第 %2 版发布内容无法读取（%3）；请运行 gridwhistle-server verify。</translation>
    </message>
</context>
<context>
    <name>gw::PublicationVerifier</name>
    <message>
        <source>version %1 of the %2 does not load: %3</source>
        <translation>%2第 %1 版无法载入：%3</translation>
    </message>
    <message>
        <source>the published months cannot be read: %1</source>
        <translation>无法读取已发布的月份：%1</translation>
    </message>
    <message>
        <source>%1 revision %2</source>
        <translation>%1 第 %2 版</translation>
    </message>
    <message>
        <source>the stored results do not match their hash: they were changed after publication.</source>
        <translation>保存的结果与其摘要不符：发布后被改动过。</translation>
    </message>
    <message>
        <source>the administrative log has no entry for this publication.</source>
        <translation>管理日志中没有这次发布的记录。</translation>
    </message>
    <message>
        <source>the stored publication differs from what the administrative log recorded when it was published.</source>
        <translation>保存的发布内容与发布时管理日志记录的不一致。</translation>
    </message>
    <message>
        <source>the stored publication cannot be read (%1).</source>
        <translation>保存的发布内容无法读取（%1）。</translation>
    </message>
    <message>
        <source>it names reference data versions the server does not hold (org %1, calendar %2, indicators %3).</source>
        <translation>它引用了服务器上没有的基础数据版本（组织机构 %1，日历 %2，指标 %3）。</translation>
    </message>
    <message>
        <source>recomputed from the case events up to server sequence %1, the results differ at %2.</source>
        <translation>按服务器序号 %1 之前的哨件事件重新计算，结果在 %2 处不同。</translation>
    </message>
    <message>
        <source>the administrative log records this publication (entry #%1) but it is no longer stored.</source>
        <translation>管理日志记录了这次发布（第 %1 条），但它已不在数据库中。</translation>
    </message>
</context>
<context>
    <name>gw::PullPage</name>
    <message>
        <source>pull page</source>
        <translation>拉取页</translation>
    </message>
    <message>
        <source>it is not a JSON object.</source>
        <translation>不是 JSON 对象。</translation>
    </message>
    <message>
        <source>it has no server number.</source>
        <translation>它没有服务器序号。</translation>
    </message>
    <message>
        <source>Event %1 of the pull page cannot be read: %2</source>
        <translation>拉取页中的第 %1 个事件无法读取：%2</translation>
    </message>
</context>
<context>
    <name>gw::PushAnswer</name>
    <message>
        <source>push answer</source>
        <translation>推送应答</translation>
    </message>
    <message>
        <source>Result %1 of the push answer is not a JSON object.</source>
        <translation>推送应答中的第 %1 个结果不是 JSON 对象。</translation>
    </message>
    <message>
        <source>The push answer counts %1 accepted, %2 duplicate and %3 rejected events, but its results say otherwise.</source>
        <translation>推送应答统计为接受 %1 个、重复 %2 个、拒绝 %3 个事件，但结果列表与之不符。</translation>
    </message>
</context>
<context>
    <name>gw::PushRequest</name>
    <message>
        <source>Push a JSON object {&quot;events&quot;: [...]}.</source>
        <translation>请推送 JSON 对象 {&quot;events&quot;: [...]}。</translation>
    </message>
    <message>
        <source>The push holds no events.</source>
        <translation>推送中没有任何事件。</translation>
    </message>
    <message>
        <source>A push holds at most %1 events; this one has %2.</source>
        <translation>一次推送最多 %1 个事件；本次有 %2 个。</translation>
    </message>
    <message>
        <source>Event #%1 is not a JSON object.</source>
        <translation>第 %1 个事件不是 JSON 对象。</translation>
    </message>
    <message>
        <source>Event #%1 has an unknown type &quot;%2&quot;.</source>
        <translation>第 %1 个事件的类型“%2”未知。</translation>
    </message>
    <message>
        <source>Event #%1: %2</source>
        <translation>第 %1 个事件：%2</translation>
    </message>
</context>
<context>
    <name>gw::PushResult</name>
    <message>
        <source>result %1 of the push answer</source>
        <translation>推送应答中的第 %1 个结果</translation>
    </message>
    <message>
        <source>Result %1 of the push answer names no event.</source>
        <translation>推送应答中的第 %1 个结果未指明事件。</translation>
    </message>
    <message>
        <source>Result %1 of the push answer has an unknown status &quot;%2&quot;.</source>
        <translation>推送应答中的第 %1 个结果状态“%2”未知。</translation>
    </message>
    <message>
        <source>Result %1 of the push answer refuses the event without a code.</source>
        <translation>推送应答中的第 %1 个结果拒绝了事件，却没有给出代码。</translation>
    </message>
    <message>
        <source>Result %1 of the push answer has no valid server number or chain position.</source>
        <translation>推送应答中的第 %1 个结果没有有效的服务器序号或链中位置。</translation>
    </message>
    <message>
        <source>Result %1 of the push answer has a hash that is not a hex SHA-256.</source>
        <translation>推送应答中的第 %1 个结果的哈希不是十六进制 SHA-256。</translation>
    </message>
    <message>
        <source>Result %1 of the push answer carries an event that cannot be read: %2</source>
        <translation>推送应答中的第 %1 个结果附带的事件无法读取：%2</translation>
    </message>
    <message>
        <source>it has no server number.</source>
        <translation>它没有服务器序号。</translation>
    </message>
    <message>
        <source>Result %1 of the push answer carries another event than the one it describes.</source>
        <translation>推送应答中的第 %1 个结果附带的事件与其描述的不符。</translation>
    </message>
</context>
<context>
    <name>gw::PushRules</name>
    <message>
        <source>The action is dated %1, more than %2 minutes after the server&apos;s time %3. Check the device clock.</source>
        <translation>该操作的时间为 %1，比服务器时间 %3 晚 %2 分钟以上。请检查设备时钟。</translation>
    </message>
    <message>
        <source>Only the district server assigns case numbers.</source>
        <translation>只有区级服务器可以分配哨件编号。</translation>
    </message>
    <message>
        <source>The action names no author. It must be sent by the person who did it (%1 is signed in).</source>
        <translation>该操作未注明操作人，必须由操作人本人发送（当前登录的是 %1）。</translation>
    </message>
    <message>
        <source>This action was done by %1 but sent with the sign-in of %2. An action is accepted only from its own author: %1 must sign in to send it.</source>
        <translation>该操作由 %1 完成，却以 %2 的登录身份发送。操作只接受操作人本人发送：须由 %1 登录后发送。</translation>
    </message>
</context>
<context>
    <name>gw::ReferenceAdminClient</name>
    <message>
        <source>Working offline: the calendar is changed on the district server. Sign in online to save it.</source>
        <translation>离线工作：工作日历在区服务器上修改，请联网登录后再保存。</translation>
    </message>
    <message>
        <source>The district server&apos;s answer cannot be read: %1</source>
        <translation>无法读取区服务器的答复：%1</translation>
    </message>
    <message>
        <source>Working offline: the categories and deadline rules are changed on the district server. Sign in online to save them.</source>
        <translation>离线工作中：分类与时限规则须在区级服务器上修改，请联网登录后保存。</translation>
    </message>
    <message>
        <source>Working offline: the org directory and grid cells are changed on the district server. Sign in online to save them.</source>
        <translation>离线工作：组织机构与网格在区服务器上修改，请联网登录后再保存。</translation>
    </message>
    <message>
        <source>Working offline: the district&apos;s phrase templates are changed on the district server. Sign in online to save them.</source>
        <translation>离线工作：全区常用语在区服务器上修改，请联网登录后再保存。</translation>
    </message>
    <message>
        <source>Working offline: the indicator sets are changed on the district server. Sign in online to save them.</source>
        <translation>离线工作：考核指标在区服务器上修改，请联网登录后再保存。</translation>
    </message>
</context>
<context>
    <name>gw::ReferenceAnswer</name>
    <message>
        <source>reference data answer</source>
        <translation>基础数据答复</translation>
    </message>
    <message>
        <source>A reference data set is not a JSON object.</source>
        <translation>一组基础数据不是 JSON 对象。</translation>
    </message>
</context>
<context>
    <name>gw::ReferenceCache</name>
    <message>
        <source>The district server&apos;s %1 (version %2) cannot be used: %3</source>
        <translation>区级服务器下发的%1（第 %2 版）无法使用：%3</translation>
    </message>
</context>
<context>
    <name>gw::ReferenceSet</name>
    <message>
        <source>reference data set</source>
        <translation>基础数据</translation>
    </message>
    <message>
        <source>Unknown kind of reference data &quot;%1&quot;.</source>
        <translation>未知的基础数据类型“%1”。</translation>
    </message>
    <message>
        <source>Reference data versions are numbered from 1.</source>
        <translation>基础数据的版本号从 1 开始。</translation>
    </message>
    <message>
        <source>&quot;have&quot; lists the reference data held as kind:version, separated by commas; &quot;%1&quot; is not one.</source>
        <translation>&quot;have&quot; 以“类型:版本”列出已有的基础数据，用逗号分隔；“%1”不符合。</translation>
    </message>
    <message>
        <source>work calendar</source>
        <translation>工作日历</translation>
    </message>
    <message>
        <source>categories and deadline rules</source>
        <translation>分类与时限规则</translation>
    </message>
    <message>
        <source>org directory and grid cells</source>
        <translation>组织机构与网格</translation>
    </message>
    <message>
        <source>phrase templates</source>
        <translation>常用语</translation>
    </message>
    <message>
        <source>assessment indicator sets</source>
        <translation>考核指标</translation>
    </message>
</context>
<context>
    <name>gw::ReferenceStore</name>
    <message>
        <source>storing reference data</source>
        <translation>保存基础数据</translation>
    </message>
    <message>
        <source>The stored %1 (version %2) cannot be used: %3</source>
        <translation>已保存的 %1（版本 %2）无法使用：%3</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a department of the district.</source>
        <translation>“%1”不是本区的职能部门。</translation>
    </message>
    <message>
        <source>The working day</source>
        <translation>工作时间</translation>
    </message>
    <message>
        <source>The calendar of %1</source>
        <translation>%1 年工作日历</translation>
    </message>
    <message>
        <source>Category %1</source>
        <translation>类别“%1”</translation>
    </message>
    <message>
        <source>Grid cell %1 (%2)</source>
        <translation>网格 %1（%2）</translation>
    </message>
    <message>
        <source>%1 was changed on the district server by %2 at %3, after you opened it. Look at the current version and make your change again.</source>
        <translation>%1在您打开后已由 %2 于 %3 在区级服务器上修改。请查看当前版本后重新修改。</translation>
    </message>
    <message>
        <source>%1 on the district server is not the version you opened. Look at the current version and make your change again.</source>
        <translation>区级服务器上的%1已不是您打开时的版本。请查看当前版本后重新修改。</translation>
    </message>
    <message>
        <source>The phrases of %1</source>
        <translation>“%1”的常用语</translation>
    </message>
    <message>
        <source>The indicator set for %1</source>
        <translation>%1 的考核指标</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>a person&apos;s name and account id</comment>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>gw::ReportExporter</name>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Ded.</source>
        <comment>points deducted</comment>
        <translation>扣分</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登记数</translation>
    </message>
    <message>
        <source>Whistled</source>
        <translation>吹哨数</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>结案数</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期数</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>退回数</translation>
    </message>
    <message>
        <source>Avg. days</source>
        <translation>平均天数</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>District</source>
        <translation>全区</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>%1 (%2 to %3, UTC+8)</source>
        <translation>%1（%2 至 %3，UTC+8）</translation>
    </message>
    <message>
        <source>GridWhistle assessment report</source>
        <translation>网格吹哨考核报告</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>考核周期</translation>
    </message>
    <message>
        <source>Indicator set version</source>
        <translation>指标集版本</translation>
    </message>
    <message>
        <source>Figures as of</source>
        <translation>数据截至</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Unit id</source>
        <translation>单位 ID</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Composite score</source>
        <translation>综合得分</translation>
    </message>
    <message>
        <source>Deducted</source>
        <translation>扣分</translation>
    </message>
    <message>
        <source>%1 (points)</source>
        <translation>%1（分）</translation>
    </message>
    <message>
        <source>Check-ins due</source>
        <translation>应报到数</translation>
    </message>
    <message>
        <source>Check-ins on time</source>
        <translation>按时报到数</translation>
    </message>
    <message>
        <source>Handlings due</source>
        <translation>应处置数</translation>
    </message>
    <message>
        <source>Handlings on time</source>
        <translation>按期处置数</translation>
    </message>
    <message>
        <source>Handlings done</source>
        <translation>已处置数</translation>
    </message>
    <message>
        <source>Failed verifications</source>
        <translation>核查不通过次数</translation>
    </message>
    <message>
        <source>Excluded: on hold</source>
        <translation>剔除：缓办</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Grid Governance Assessment Report</source>
        <translation>网格化治理考核报告</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>考核周期：</translation>
    </message>
    <message>
        <source>Indicator set:</source>
        <translation>指标集：</translation>
    </message>
    <message>
        <source>Figures as of:</source>
        <translation>数据截至：</translation>
    </message>
    <message>
        <source>District: %1 cases registered, %2 whistled, %3 closed; on-time check-in %4, on-time handling %5, close rate %6, satisfaction %7, %8 overdue, %9 returned assignments.</source>
        <translation>全区：登记哨件 %1 件，吹哨 %2 件，结案 %3 件；按时报到率 %4，按期处置率 %5，结案率 %6，满意度 %7，超期 %8 件，退回 %9 次。</translation>
    </message>
    <message>
        <source>Streets</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Score: weighted indicator points (0-100) minus deductions for repeated rework and returned assignments. &quot;—&quot;: nothing to assess in this period. Cases on hold are left out of all rates. Definitions: docs/assessment.md.</source>
        <translation>得分：各指标加权得分（0-100）减去多次返工和退回的扣分。“—”：本期无可考核内容。缓办哨件不计入任何比率。指标定义见 docs/assessment.md。</translation>
    </message>
    <message>
        <source>Indicators (version %1)</source>
        <translation>指标（版本 %1）</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Street weight</source>
        <translation>街道权重</translation>
    </message>
    <message>
        <source>Department weight</source>
        <translation>部门权重</translation>
    </message>
    <message>
        <source>Full points / no points</source>
        <translation>满分 / 零分</translation>
    </message>
    <message>
        <source>≥ %1 / ≤ %2</source>
        <translation>≥ %1 / ≤ %2</translation>
    </message>
    <message>
        <source>≤ %1 / ≥ %2</source>
        <translation>≤ %1 / ≥ %2</translation>
    </message>
    <message>
        <source>%1 – %2 / ≤ %3 or ≥ %4</source>
        <translation>%1 – %2 / ≤ %3 或 ≥ %4</translation>
    </message>
    <message>
        <source>Deductions: failed verifications %1 points (1st, 2nd, ... failure); returned assignment %2; at most %3 in total. Callback scores: satisfied %4, basic %5, dissatisfied %6.</source>
        <translation>扣分：核查不通过 %1 分（第 1 次、第 2 次……不通过）；退回任务 %2 分；合计最多扣 %3 分。回访得分：满意 %4，基本满意 %5，不满意 %6。</translation>
    </message>
    <message>
        <source>Assessment report %1</source>
        <translation>考核报告 %1</translation>
    </message>
    <message>
        <source>Streets by composite score</source>
        <translation>街道综合得分排名</translation>
    </message>
    <message>
        <source>Departments by composite score</source>
        <translation>部门综合得分排名</translation>
    </message>
    <message>
        <source>Cannot start the PDF %1.</source>
        <translation>无法创建 PDF %1。</translation>
    </message>
    <message>
        <source>GridWhistle assessment · %1 · indicator set %2</source>
        <translation>网格吹哨考核 · %1 · 指标集 %2</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
</context>
<context>
    <name>gw::ResetPasswordDialog</name>
    <message>
        <source>Reset the password of %1</source>
        <translation>重置 %1 的密码</translation>
    </message>
    <message>
        <source>Must set a new password at the next sign-in</source>
        <translation>下次登录时必须设置新密码</translation>
    </message>
    <message>
        <source>All sessions of %1 end at once; unsent work on their computers stays queued until they sign in with the new password.</source>
        <translation>%1 的所有会话立即失效；其电脑上未发送的工作会保留在队列中，直到其用新密码登录。</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>New password again:</source>
        <translation>再次输入新密码：</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>gw::Role</name>
    <message>
        <source>Community reporter</source>
        <translation>社区网格员</translation>
    </message>
    <message>
        <source>Street operator</source>
        <translation>街道操作员</translation>
    </message>
    <message>
        <source>Center dispatcher</source>
        <translation>指挥中心调度员</translation>
    </message>
    <message>
        <source>Center reviewer</source>
        <translation>审核员/中心领导</translation>
    </message>
    <message>
        <source>Department handler</source>
        <translation>部门处置人员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>督查考核</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
</context>
<context>
    <name>gw::RulesHistory</name>
    <message>
        <source>Event %1 (%2) is not valid here: %3</source>
        <translation>事件 %1（%2）在此处无效：%3</translation>
    </message>
</context>
<context>
    <name>gw::SavedView</name>
    <message>
        <source>My to-do</source>
        <translation>我的待办</translation>
    </message>
    <message>
        <source>All visible</source>
        <translation>全部可见哨件</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期哨件</translation>
    </message>
</context>
<context>
    <name>gw::SchemaMigrator</name>
    <message>
        <source>Cannot create the schema table: %1</source>
        <translation>无法创建数据库结构版本表：%1</translation>
    </message>
    <message>
        <source>Cannot read the schema version: %1</source>
        <translation>无法读取数据库结构版本：%1</translation>
    </message>
    <message>
        <source>The database has schema version %1, newer than this program understands (%2). Install the newer GridWhistle.</source>
        <translation>该数据库的结构版本为 %1，高于本程序支持的版本（%2）。请安装新版网格吹哨。</translation>
    </message>
    <message>
        <source>Cannot begin schema step %1: %2</source>
        <translation>无法开始数据库结构升级第 %1 步：%2</translation>
    </message>
    <message>
        <source>Schema step %1 failed: %2 (%3)</source>
        <translation>数据库结构升级第 %1 步失败：%2（%3）</translation>
    </message>
    <message>
        <source>Schema step %1 could not be saved: %2</source>
        <translation>数据库结构升级第 %1 步无法保存：%2</translation>
    </message>
</context>
<context>
    <name>gw::ServerApp</name>
    <message>
        <source>Created %1 demo accounts with the password %2 (for demonstrations only).</source>
        <translation>已创建 %1 个演示账号，密码为 %2（仅用于演示）。</translation>
    </message>
    <message>
        <source>Cannot create the data directory %1.</source>
        <translation>无法创建数据目录 %1。</translation>
    </message>
    <message>
        <source>TLS is not available (no OpenSSL backend for Qt Network).</source>
        <translation>TLS 不可用（Qt Network 没有 OpenSSL 后端）。</translation>
    </message>
    <message>
        <source>Exchanging with the city platform at %1.</source>
        <translation>正在与市级平台 %1 交换数据。</translation>
    </message>
    <message>
        <source>Using the self-signed development certificate %1; give it to clients as their CA file.</source>
        <translation>正在使用自签名开发证书 %1；请将其作为 CA 文件提供给客户端。</translation>
    </message>
    <message>
        <source>No PEM certificate could be read from %1.</source>
        <translation>无法从 %1 读取 PEM 证书。</translation>
    </message>
    <message>
        <source>Cannot read the private key %1: %2</source>
        <translation>无法读取私钥 %1：%2</translation>
    </message>
    <message>
        <source>%1 holds no usable PEM private key (RSA or EC).</source>
        <translation>%1 中没有可用的 PEM 私钥（RSA 或 EC）。</translation>
    </message>
    <message>
        <source>Cannot listen on %1 port %2 (in use, or not allowed).</source>
        <translation>无法在 %1 的端口 %2 上监听（端口已被占用或不允许使用）。</translation>
    </message>
    <message>
        <source>Another gridwhistle-server (process %1) is using the data directory %2.</source>
        <translation>另一个 gridwhistle-server（进程 %1）正在使用数据目录 %2。</translation>
    </message>
    <message>
        <source>The demo district could not be made: %1</source>
        <translation>无法生成演示辖区：%1</translation>
    </message>
    <message>
        <source>Created the initial account &quot;admin&quot; with password %1 (shown only this once; it must be changed at the first sign-in).</source>
        <translation>已创建初始账号“admin”，密码为 %1（仅显示这一次；首次登录时必须修改）。</translation>
    </message>
</context>
<context>
    <name>gw::ServerMigrations</name>
    <message>
        <source>The server database has schema version %1, newer than this server understands (%2). Install the newer gridwhistle-server.</source>
        <translation>服务器数据库的结构版本为 %1，高于本服务器支持的版本（%2）。请安装新版 gridwhistle-server。</translation>
    </message>
</context>
<context>
    <name>gw::ServerOptions</name>
    <message>
        <source>%1 needs a value.</source>
        <translation>%1 需要一个值。</translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3, not &quot;%4&quot;.</source>
        <translation>%1 必须是 %2 到 %3 之间的整数，而不是“%4”。</translation>
    </message>
    <message>
        <source>Unknown option &quot;%1&quot;.</source>
        <translation>未知选项“%1”。</translation>
    </message>
    <message>
        <source>--data-dir is required.</source>
        <translation>必须提供 --data-dir。</translation>
    </message>
    <message>
        <source>--listen needs an IP address, not &quot;%1&quot;.</source>
        <translation>--listen 需要 IP 地址，而不是“%1”。</translation>
    </message>
    <message>
        <source>Give both --cert and --key, or neither.</source>
        <translation>--cert 和 --key 须同时提供或同时不提供。</translation>
    </message>
    <message>
        <source>Usage: gridwhistle-server --data-dir DIR [--listen ADDRESS] [--port N] [--cert FILE --key FILE]
                          [--database postgresql://user:password@host:port/db] [--demo-users]
                          [--city-config FILE]
                          [--pbkdf2-iterations N] [--token-ttl SECONDS] [--verbose] [--version]
  --data-dir DIR        where the SQLite database and the generated dev certificate live
  --listen ADDRESS      address to listen on (default 127.0.0.1)
  --port N              TCP port (default 8443; 0 picks a free port)
  --cert/--key FILE     PEM certificate and private key; without them a self-signed
                        development certificate is made in DIR (needs the openssl command)
  --database URL        use PostgreSQL instead of DIR/server.sqlite
  --city-config FILE    exchange with the city grid platform, settings in FILE (JSON)
  --demo-users          create one demo account per role (password gw-demo-2026; demo only)
  --pbkdf2-iterations N password hashing cost for new passwords (default 120000)
  --token-ttl SECONDS   lifetime of a login session (default 43200)
  --max-failed-logins N wrong passwords per account before logins wait (default 10)
  --login-window SECONDS how long failed logins count (default 300)
</source>
        <translation>用法：gridwhistle-server --data-dir DIR [--listen ADDRESS] [--port N] [--cert FILE --key FILE]
                         [--database postgresql://user:password@host:port/db] [--demo-users]
                         [--city-config FILE]
                         [--pbkdf2-iterations N] [--token-ttl SECONDS] [--verbose] [--version]
  --data-dir DIR        SQLite 数据库和生成的开发证书所在的目录
  --listen ADDRESS      监听地址（默认 127.0.0.1）
  --port N              TCP 端口（默认 8443；0 表示自动选择空闲端口）
  --cert/--key FILE     PEM 证书和私钥；如不提供，则在 DIR 中生成自签名
                        开发证书（需要 openssl 命令）
  --database URL        使用 PostgreSQL 代替 DIR/server.sqlite
  --city-config FILE    与市级网格平台交换数据，设置保存在 FILE（JSON）中
  --demo-users          为每个角色创建一个演示账号（密码 gw-demo-2026；仅用于演示）
  --pbkdf2-iterations N 新密码的哈希计算成本（默认 120000）
  --token-ttl SECONDS   登录会话的有效期（默认 43200）
  --max-failed-logins N 每个账号密码错误达到该次数后，须等待才能再次登录（默认 10）
  --login-window SECONDS 登录失败次数的统计时长（默认 300）
</translation>
    </message>
    <message>
        <source>  --parent-pid PID      stop when process PID ends (the desktop client passes its own id;
                        on Linux/macOS standard input must be a pipe from that process)
</source>
        <translation>  --parent-pid PID      进程 PID 结束时停止（桌面客户端传入自己的进程号；
                        在 Linux/macOS 上标准输入必须是来自该进程的管道）
</translation>
    </message>
    <message>
        <source>  --demo-data           fill a database without cases with a demo district (about 300 cases
                        over the last 90 days; implies --demo-users; for demonstrations only)
</source>
        <translation>  --demo-data           在尚无哨件的数据库中生成演示辖区（最近 90 天约 300 件哨件；
                        含 --demo-users；仅用于演示）
</translation>
    </message>
    <message>
        <source>--parent-pid needs a process id, not &quot;%1&quot;.</source>
        <translation>--parent-pid 需要一个进程号，而不是“%1”。</translation>
    </message>
</context>
<context>
    <name>gw::ServerSettingsFile</name>
    <message>
        <source>&quot;%1&quot; is not a server setting; settings are named GW_SERVER_&lt;OPTION&gt;, for example GW_SERVER_DATA_DIR.</source>
        <translation>“%1”不是服务器设置；设置项的名称形如 GW_SERVER_&lt;OPTION&gt;，例如 GW_SERVER_DATA_DIR。</translation>
    </message>
    <message>
        <source>GW_SERVER_CONFIG cannot be set inside a settings file or the environment; give --config on the command line.</source>
        <translation>不能在设置文件或环境变量中设置 GW_SERVER_CONFIG；请在命令行中使用 --config。</translation>
    </message>
    <message>
        <source>Cannot read the settings file %1: %2</source>
        <translation>无法读取设置文件 %1：%2</translation>
    </message>
    <message>
        <source>The settings file %1 is larger than 64 KB; is it the right file?</source>
        <translation>设置文件 %1 超过 64 KB；是否选错了文件？</translation>
    </message>
    <message>
        <source>%1 line %2: expected KEY=VALUE, found &quot;%3&quot;.</source>
        <translation>%1 第 %2 行：应为 KEY=VALUE，实际为“%3”。</translation>
    </message>
    <message>
        <source>%1 line %2: the quote in the value is not closed.</source>
        <translation>%1 第 %2 行：值中的引号未闭合。</translation>
    </message>
    <message>
        <source>%1 line %2: &quot;%3&quot; is not a server setting (names start with GW_SERVER_).</source>
        <translation>%1 第 %2 行：“%3”不是服务器设置（设置名称以 GW_SERVER_ 开头）。</translation>
    </message>
    <message>
        <source>--config needs a file name.</source>
        <translation>--config 需要文件名。</translation>
    </message>
    <message>
        <source>In the environment: %1</source>
        <translation>环境变量中：%1</translation>
    </message>
</context>
<context>
    <name>gw::ServerStore</name>
    <message>
        <source>Database error while %1: %2</source>
        <translation>%1时发生数据库错误：%2</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>setting up %1</source>
        <translation>初始化 %1</translation>
    </message>
    <message>
        <source>The Qt SQLite driver (QSQLITE) is not installed.</source>
        <translation>未安装 Qt 的 SQLite 驱动（QSQLITE）。</translation>
    </message>
    <message>
        <source>The Qt PostgreSQL driver (QPSQL) is not installed (Debian package libqt6sql6-psql).</source>
        <translation>未安装 Qt 的 PostgreSQL 驱动（QPSQL）（Debian 软件包 libqt6sql6-psql）。</translation>
    </message>
    <message>
        <source>The database must be given as postgresql://user:password@host:port/database.</source>
        <translation>数据库须以 postgresql://user:password@host:port/database 的形式给出。</translation>
    </message>
    <message>
        <source>PostgreSQL database %1 on %2:%3</source>
        <translation>PostgreSQL 数据库 %1（%2:%3）</translation>
    </message>
    <message>
        <source>numbering a case</source>
        <translation>为哨件编号</translation>
    </message>
    <message>
        <source>storing event %1</source>
        <translation>存储事件 %1</translation>
    </message>
    <message>
        <source>updating case %1</source>
        <translation>更新哨件 %1</translation>
    </message>
    <message>
        <source>recording the departments of case %1</source>
        <translation>记录哨件 %1 的部门</translation>
    </message>
    <message>
        <source>Cannot number case %1: %2</source>
        <translation>无法为哨件 %1 编号：%2</translation>
    </message>
    <message>
        <source>starting a transaction</source>
        <translation>开始事务</translation>
    </message>
    <message>
        <source>committing pushed events</source>
        <translation>提交推送的事件</translation>
    </message>
    <message>
        <source>reading events</source>
        <translation>读取事件</translation>
    </message>
    <message>
        <source>reading the projection format</source>
        <translation>读取哨件状态格式</translation>
    </message>
    <message>
        <source>Cannot begin upgrading the stored cases: %1</source>
        <translation>无法开始升级已存储的哨件：%1</translation>
    </message>
    <message>
        <source>upgrading the stored cases</source>
        <translation>升级已存储的哨件</translation>
    </message>
    <message>
        <source>upgrading case %1</source>
        <translation>升级哨件 %1</translation>
    </message>
    <message>
        <source>Cannot save the upgraded cases: %1</source>
        <translation>无法保存升级后的哨件：%1</translation>
    </message>
</context>
<context>
    <name>gw::SessionVault</name>
    <message>
        <source>The session is kept in the system keychain.</source>
        <translation>登录会话保存在系统钥匙串中。</translation>
    </message>
    <message>
        <source>No system keychain answered (%1): the session is kept in %2, encrypted with your password.</source>
        <translation>系统钥匙串不可用（%1）：登录会话保存在 %2，并用您的密码加密。</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>No session is kept.</source>
        <translation>未保存登录会话。</translation>
    </message>
    <message>
        <source>turned off</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>this build has no keychain support</source>
        <translation>此版本不支持钥匙串</translation>
    </message>
    <message>
        <source>No keychain answered and no password was given to encrypt the session with.</source>
        <translation>系统钥匙串不可用，且没有可用于加密会话的密码。</translation>
    </message>
    <message>
        <source>The session could not be encrypted.</source>
        <translation>无法加密登录会话。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>No session is kept for this account on this computer.</source>
        <translation>本机未保存此账号的登录会话。</translation>
    </message>
    <message>
        <source>The kept session does not open with this password (or the file was changed).</source>
        <translation>无法用此密码打开已保存的会话（或文件已被改动）。</translation>
    </message>
    <message>
        <source>No keychain answered and this build cannot encrypt the session: sign in online at each start.</source>
        <translation>系统钥匙串不可用，且此版本无法加密会话：每次启动请联网登录。</translation>
    </message>
    <message>
        <source>This build cannot open the encrypted session file.</source>
        <translation>此版本无法打开加密的会话文件。</translation>
    </message>
    <message>
        <source>the keychain did not answer within 15 s</source>
        <translation>钥匙串 15 秒内无响应</translation>
    </message>
</context>
<context>
    <name>gw::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Start a district server on this computer (single desk, demo)</source>
        <translation>在本机启动区级服务器（单机办公、演示）</translation>
    </message>
    <message>
        <source>Connect to the district server</source>
        <translation>连接区级服务器</translation>
    </message>
    <message>
        <source>Optional: PEM file of the district CA</source>
        <translation>选填：区级 CA 的 PEM 文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>District CA certificate</source>
        <translation>区级 CA 证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Server address:</source>
        <translation>服务器地址：</translation>
    </message>
    <message>
        <source>District CA certificate:</source>
        <translation>区级 CA 证书：</translation>
    </message>
    <message>
        <source>Sync automatically every:</source>
        <translation>自动同步间隔：</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
    </message>
    <message>
        <source>Enter the district server&apos;s address, e.g. https://grid.example:8443.</source>
        <translation>请输入区级服务器地址，例如 https://grid.example:8443。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid address.</source>
        <translation>“%1”不是有效的地址。</translation>
    </message>
    <message>
        <source>The address must start with https:// — GridWhistle only talks to the server over TLS.</source>
        <translation>地址必须以 https:// 开头——网格吹哨只通过 TLS 与服务器通信。</translation>
    </message>
    <message>
        <source>The file %1 does not exist.</source>
        <translation>文件 %1 不存在。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not a PEM certificate file (no &quot;BEGIN CERTIFICATE&quot; block).</source>
        <translation>%1 不是 PEM 证书文件（没有“BEGIN CERTIFICATE”块）。</translation>
    </message>
    <message>
        <source>The window locks after this time without use and asks for the password again; unsent work is kept.</source>
        <translation>超过此时间无人操作时锁定窗口，需重新输入密码；未发送的工作会保留。</translation>
    </message>
    <message>
        <source>Lock the window when idle for:</source>
        <translation>无人操作自动锁定：</translation>
    </message>
</context>
<context>
    <name>gw::SignInAgainDialog</name>
    <message>
        <source>Sign in to the district server</source>
        <translation>登录区级服务器</translation>
    </message>
    <message>
        <source>Sign in as %1 to send your unsent work and receive what changed. Nothing you did on this computer is lost.</source>
        <translation>以 %1 的身份登录，以发送您未发送的工作并接收最新变化。您在本机所做的一切都不会丢失。</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Choose your own password to sign in as %1.</source>
        <translation>以 %1 登录前须先设置您自己的密码。</translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation>登录失败：%1</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
</context>
<context>
    <name>gw::SqliteBackup</name>
    <message>
        <source>%1 does not exist or is not a file.</source>
        <translation>%1 不存在或不是文件。</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not a readable SQLite database: %2</source>
        <translation>%1 不是可读取的 SQLite 数据库：%2</translation>
    </message>
    <message>
        <source>%1 is damaged: %2</source>
        <translation>%1 已损坏：%2</translation>
    </message>
    <message>
        <source>%1 is not a GridWhistle server database (no schema version).</source>
        <translation>%1 不是网格吹哨服务器数据库（没有结构版本）。</translation>
    </message>
    <message>
        <source>%1 has schema version %2, newer than this server (%3). Install the newer gridwhistle-server to use it.</source>
        <translation>%1 的结构版本为 %2，高于本服务器支持的版本（%3）。请安装新版 gridwhistle-server 后再使用。</translation>
    </message>
    <message>
        <source>%1 lacks the events, cases or users table.</source>
        <translation>%1 缺少 events、cases 或 users 表。</translation>
    </message>
    <message>
        <source>There is no server database at %1. Is --data-dir right?</source>
        <translation>%1 处没有服务器数据库。--data-dir 是否正确？</translation>
    </message>
    <message>
        <source>%1 already exists; a backup never overwrites a file. Choose a new name.</source>
        <translation>%1 已存在；备份绝不会覆盖已有文件。请选择新的文件名。</translation>
    </message>
    <message>
        <source>The backup to %1 failed: %2</source>
        <translation>备份到 %1 失败：%2</translation>
    </message>
    <message>
        <source>The backup did not pass its check and was removed: %1</source>
        <translation>备份未通过校验，已删除：%1</translation>
    </message>
    <message>
        <source>Cannot move %1 aside to %2; nothing was changed.</source>
        <translation>无法将 %1 移至 %2；未做任何更改。</translation>
    </message>
    <message>
        <source>Cannot copy %1 to %2; the previous database was left in place.</source>
        <translation>无法将 %1 复制到 %2；原数据库保持不变。</translation>
    </message>
</context>
<context>
    <name>gw::StepClock</name>
    <message>
        <source>Analysis</source>
        <translation>研判</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Whistle</source>
        <translation>发起吹哨</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>核查</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>结案</translation>
    </message>
</context>
<context>
    <name>gw::SyncEngine</name>
    <message>
        <source>The server %1 could not be verified (%2). Check the district CA certificate file in the settings.</source>
        <translation>无法验证服务器 %1（%2）。请在设置中检查区级 CA 证书文件。</translation>
    </message>
    <message>
        <source>The server %1 did not answer in time.</source>
        <translation>服务器 %1 未及时应答。</translation>
    </message>
    <message>
        <source>Cannot reach the server %1: %2</source>
        <translation>无法连接服务器 %1：%2</translation>
    </message>
    <message>
        <source>The server %1 answered with HTTP status %2.</source>
        <translation>服务器 %1 返回 HTTP 状态码 %2。</translation>
    </message>
    <message>
        <source>The server answered the push without a result for the events sent.</source>
        <translation>服务器对推送的应答中没有已发送事件的结果。</translation>
    </message>
    <message>
        <source>Sync finished: %1 sent, %2 received.</source>
        <translation>同步完成：发送 %1 条，接收 %2 条。</translation>
    </message>
    <message>
        <source>The server address must look like https://host:port (plain http is not allowed).</source>
        <translation>服务器地址须形如 https://host:port（不允许使用 http）。</translation>
    </message>
    <message>
        <source>The CA certificate file %1 does not exist.</source>
        <translation>CA 证书文件 %1 不存在。</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate.</source>
        <translation>%1 中没有 PEM 证书。</translation>
    </message>
    <message>
        <source>Set the server address first.</source>
        <translation>请先设置服务器地址。</translation>
    </message>
    <message>
        <source>Log in to the server to sync.</source>
        <translation>请登录服务器后再同步。</translation>
    </message>
    <message>
        <source>Not connected to the district server. Log in online first.</source>
        <translation>未连接区级服务器。请先在线登录。</translation>
    </message>
    <message>
        <source>The server accepted event %1 without saying where it stands.</source>
        <translation>服务器接受了事件 %1，却未说明它在链中的位置。</translation>
    </message>
    <message>
        <source>The server&apos;s answer to the push cannot be read: %1</source>
        <translation>无法读取服务器对推送的应答：%1</translation>
    </message>
    <message>
        <source>The server&apos;s answer to the pull cannot be read: %1</source>
        <translation>无法读取服务器对拉取的应答：%1</translation>
    </message>
    <message>
        <source>Sign in online to change your password.</source>
        <translation>请联网登录后再修改密码。</translation>
    </message>
    <message>
        <source>Set your new password first; the server accepts nothing else until then.</source>
        <translation>请先设置新密码；在此之前服务器不接受其他操作。</translation>
    </message>
    <message>
        <source>The server&apos;s reference data cannot be read: %1</source>
        <translation>无法读取服务器的基础数据：%1</translation>
    </message>
</context>
<context>
    <name>gw::SyncJournal</name>
    <message>
        <source>Server event %1 carries no server sequence number.</source>
        <translation>服务器事件 %1 没有服务器序号。</translation>
    </message>
    <message>
        <source>Server event %1 does not match its hash; it was changed on the way.</source>
        <translation>服务器事件 %1 与其哈希值不符，传输途中已被篡改。</translation>
    </message>
    <message>
        <source>applying server events</source>
        <translation>应用服务器事件</translation>
    </message>
    <message>
        <source>Server event %1 cannot take position #%2 of its case: %3</source>
        <translation>服务器事件 %1 无法占用所属哨件的第 %2 位：%3</translation>
    </message>
    <message>
        <source>keeping the refused action</source>
        <translation>保留被拒绝的操作</translation>
    </message>
    <message>
        <source>The server refused this action without a reason.</source>
        <translation>服务器拒绝了该操作，但未说明原因。</translation>
    </message>
    <message>
        <source>Action %1 is not waiting to be sent.</source>
        <translation>操作 %1 不在待发送状态。</translation>
    </message>
    <message>
        <source>The registration of this case was refused: %1</source>
        <translation>该哨件的登记被拒绝：%1</translation>
    </message>
    <message>
        <source>There is no refused action %1.</source>
        <translation>不存在被拒绝的操作 %1。</translation>
    </message>
    <message>
        <source>The refused action %1 was already dealt with (%2).</source>
        <translation>被拒绝的操作 %1 已处理过（%2）。</translation>
    </message>
    <message>
        <source>Discarded the offline action &quot;%1&quot; (%2) that the server refused: %3</source>
        <translation>已丢弃被服务器拒绝的离线操作“%1”（%2）：%3</translation>
    </message>
    <message>
        <source>A sync setting needs a name.</source>
        <translation>同步设置项需要名称。</translation>
    </message>
    <message>
        <source>saving sync state</source>
        <translation>保存同步状态</translation>
    </message>
    <message>
        <source>removing cases</source>
        <translation>删除哨件</translation>
    </message>
</context>
<context>
    <name>gw::SyncStatusWidget</name>
    <message>
        <source>Sent %1/%2, received %3</source>
        <translation>已发送 %1/%2，已接收 %3</translation>
    </message>
    <message>
        <source>Received %1</source>
        <translation>已接收 %1</translation>
    </message>
    <message>
        <source>Sent %1 of %2 actions, received %3 changes</source>
        <translation>已发送 %1 / %2 个操作，已接收 %3 条变更</translation>
    </message>
    <message>
        <source>Synchronisation failed.</source>
        <translation>同步失败。</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Online, last sync failed</source>
        <translation>在线，上次同步失败</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Connected to the district server</source>
        <translation>已连接区级服务器</translation>
    </message>
    <message>
        <source>Working on this computer; actions are sent at the next sync</source>
        <translation>正在本机工作；操作将在下次同步时发送</translation>
    </message>
    <message>
        <source>Last sync %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>从未同步</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) waiting to be sent</source>
        <translation>
            <numerusform>%n 个操作待同步</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n 个冲突</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline actions the server refused: open the conflict inbox</source>
        <translation>有离线操作被服务器拒绝：请打开“同步冲突”处理</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n unsent action(s), sent when %1 signs in on this computer</source>
        <translation>
            <numerusform>%1：%n 项操作未发送，将在 %1 于本机登录时发送</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n case(s) outside your area</source>
        <translation>
            <numerusform>另有 %n 件哨件不在您的职责范围内</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) of other users wait for their sign-in</source>
        <translation>
            <numerusform>其他用户的 %n 项操作待其本人登录后发送</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign in to the server…</source>
        <translation>登录服务器…</translation>
    </message>
    <message>
        <source>Sign in again with your password; your unsent work is kept and sent afterwards</source>
        <translation>用您的密码重新登录；未发送的工作会保留并在登录后发送</translation>
    </message>
</context>
<context>
    <name>gw::Urgency</name>
    <message>
        <source>Normal</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>特急</translation>
    </message>
</context>
<context>
    <name>gw::User</name>
    <message>
        <source>A user needs a login id.</source>
        <translation>用户需要登录名。</translation>
    </message>
    <message>
        <source>Unknown role &quot;%1&quot;.</source>
        <translation>未知角色“%1”。</translation>
    </message>
    <message>
        <source>assessment administrator</source>
        <translation>考核管理员</translation>
    </message>
    <message>
        <source>&quot;grants&quot; is a list of grant names.</source>
        <translation>“grants”应为授权名称列表。</translation>
    </message>
</context>
<context>
    <name>gw::WhistleDeadlines</name>
    <message>
        <source>check-in deadline</source>
        <translation>报到时限</translation>
    </message>
    <message>
        <source>handling deadline</source>
        <translation>办结时限</translation>
    </message>
    <message>
        <source>The %1 of %2 (%3) is later than the rule for %4, %5: %6, that is by %7. Give the reason for the longer deadline, or shorten it.</source>
        <translation>%2的%1（%3）晚于“%4·%5”的规则（%6，即 %7 前）。请填写延长时限理由，或缩短时限。</translation>
    </message>
</context>
<context>
    <name>gw::WorkCalendar</name>
    <message>
        <source>Calendar file is not valid JSON: %1</source>
        <translation>日历文件不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>Calendar time zone offset %1 is out of range.</source>
        <translation>日历时区偏移 %1 超出范围。</translation>
    </message>
    <message>
        <source>Calendar date &quot;%1&quot; is not YYYY-MM-DD.</source>
        <translation>日历日期“%1”不是 YYYY-MM-DD 格式。</translation>
    </message>
    <message>
        <source>Calendar time zone offset must be a whole number of hours.</source>
        <translation>日历时区偏移必须是整数小时。</translation>
    </message>
    <message>
        <source>Calendar field &quot;%1&quot; must be a list of dates.</source>
        <translation>日历字段“%1”必须是日期列表。</translation>
    </message>
    <message>
        <source>Calendar field &quot;workday&quot; must be an object.</source>
        <translation>日历字段“workday”必须是一个对象。</translation>
    </message>
    <message>
        <source>Calendar working day &quot;%1&quot; must be a time HH:mm.</source>
        <translation>日历工作日时间“%1”必须是 HH:mm 格式的时间。</translation>
    </message>
    <message>
        <source>Calendar working day times must be in order: start before lunchStart, lunchStart not after lunchEnd, lunchEnd before end.</source>
        <translation>日历工作日时间顺序有误：start 须早于 lunchStart，lunchStart 不得晚于 lunchEnd，lunchEnd 须早于 end。</translation>
    </message>
    <message>
        <source>Calendar field &quot;years&quot; must be a list of years.</source>
        <translation>日历字段 &quot;years&quot; 必须是年份列表。</translation>
    </message>
    <message>
        <source>A calendar year must be an object.</source>
        <translation>日历中的每一年必须是一个对象。</translation>
    </message>
    <message>
        <source>The calendar lists the year %1 twice.</source>
        <translation>日历中 %1 年出现了两次。</translation>
    </message>
</context>
<context>
    <name>gw::Workflow</name>
    <message>
        <source>Account %1 is disabled.</source>
        <translation>账号 %1 已停用。</translation>
    </message>
    <message>
        <source>Only the district server assigns case numbers.</source>
        <translation>只有区级服务器可以分配哨件编号。</translation>
    </message>
    <message>
        <source>Administrators manage accounts and org units; they take no part in cases.</source>
        <translation>系统管理员负责管理账号和组织单位，不参与哨件办理。</translation>
    </message>
    <message>
        <source>This case is already registered.</source>
        <translation>该哨件已登记。</translation>
    </message>
    <message>
        <source>%1 cannot register cases.</source>
        <translation>%1无法登记哨件。</translation>
    </message>
    <message>
        <source>The case does not exist (yet).</source>
        <translation>该哨件（尚）不存在。</translation>
    </message>
    <message>
        <source>Case %1 is outside your area of responsibility.</source>
        <translation>哨件 %1 不在您的责任范围内。</translation>
    </message>
    <message>
        <source>Supervisors read and assess; they do not act on cases.</source>
        <translation>督查考核人员只能查阅和考核，不能办理哨件。</translation>
    </message>
    <message>
        <source>Cannot %1: the case is &quot;%2&quot;.</source>
        <translation>无法%1：哨件当前状态为“%2”。</translation>
    </message>
    <message>
        <source>Only a summoned department can %1.</source>
        <translation>只有被召集的部门才能%1。</translation>
    </message>
    <message>
        <source>You can only %1 for your own department.</source>
        <translation>只能为本部门%1。</translation>
    </message>
    <message>
        <source>Your department is not summoned to this case.</source>
        <translation>本部门未被召集到该哨件。</translation>
    </message>
    <message>
        <source>Cannot %1: your department&apos;s part is &quot;%2&quot;.</source>
        <translation>无法%1：本部门的任务状态为“%2”。</translation>
    </message>
    <message>
        <source>Only the case&apos;s street operator or the center dispatcher can analyze it.</source>
        <translation>只有该哨件所属街道的操作员或指挥中心调度员可以研判。</translation>
    </message>
    <message>
        <source>analyze</source>
        <translation>研判</translation>
    </message>
    <message>
        <source>Only a center reviewer can review cases.</source>
        <translation>只有审核员/中心领导可以审核哨件。</translation>
    </message>
    <message>
        <source>review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Only the case&apos;s street operator or the center dispatcher can blow the whistle.</source>
        <translation>只有该哨件所属街道的操作员或指挥中心调度员可以发起吹哨。</translation>
    </message>
    <message>
        <source>The case is on hold.</source>
        <translation>该哨件处于缓办状态。</translation>
    </message>
    <message>
        <source>blow the whistle</source>
        <translation>发起吹哨</translation>
    </message>
    <message>
        <source>check in</source>
        <translation>报到</translation>
    </message>
    <message>
        <source>return the assignment</source>
        <translation>退回任务</translation>
    </message>
    <message>
        <source>submit handling feedback</source>
        <translation>提交处置反馈</translation>
    </message>
    <message>
        <source>request a postponement</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <source>A postponement request is already waiting for a decision.</source>
        <translation>已有一条延期申请等待审批。</translation>
    </message>
    <message>
        <source>Only a center reviewer decides on postponements.</source>
        <translation>只有审核员/中心领导可以审批延期。</translation>
    </message>
    <message>
        <source>No postponement request is waiting.</source>
        <translation>没有待审批的延期申请。</translation>
    </message>
    <message>
        <source>No postponement request is waiting from %1.</source>
        <translation>%1 没有待审批的延期申请。</translation>
    </message>
    <message>
        <source>Only the case&apos;s street operator or the center dispatcher can record street handling.</source>
        <translation>只有该哨件所属街道的操作员或指挥中心调度员可以登记街道处置结果。</translation>
    </message>
    <message>
        <source>record street handling</source>
        <translation>登记街道处置结果</translation>
    </message>
    <message>
        <source>Only the case&apos;s street operator or the center dispatcher can verify results.</source>
        <translation>只有该哨件所属街道的操作员或指挥中心调度员可以核查结果。</translation>
    </message>
    <message>
        <source>verify</source>
        <translation>核查</translation>
    </message>
    <message>
        <source>Only the command center can close cases.</source>
        <translation>只有指挥中心可以结案。</translation>
    </message>
    <message>
        <source>close</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Only a center reviewer can escalate to the city.</source>
        <translation>只有审核员/中心领导可以上报市级。</translation>
    </message>
    <message>
        <source>The case is already escalated to the city.</source>
        <translation>该哨件已上报市级。</translation>
    </message>
    <message>
        <source>escalate</source>
        <translation>上报市级</translation>
    </message>
    <message>
        <source>Only a center reviewer can reopen cases.</source>
        <translation>只有审核员/中心领导可以重新启动哨件。</translation>
    </message>
    <message>
        <source>reopen</source>
        <translation>重新启动</translation>
    </message>
    <message>
        <source>Only a center reviewer can put cases on hold.</source>
        <translation>只有审核员/中心领导可以缓办哨件。</translation>
    </message>
    <message>
        <source>change the hold</source>
        <translation>变更缓办状态</translation>
    </message>
    <message>
        <source>Only the case&apos;s community or street can rate a department.</source>
        <translation>只有该哨件所属的社区或街道可以评价部门。</translation>
    </message>
    <message>
        <source>There is no handled, unrated department to rate.</source>
        <translation>没有已处置且未评价的部门可供评价。</translation>
    </message>
    <message>
        <source>Unknown action.</source>
        <translation>未知操作。</translation>
    </message>
    <message>
        <source>The event belongs to another case.</source>
        <translation>该事件属于其他哨件。</translation>
    </message>
    <message>
        <source>The event has no time.</source>
        <translation>该事件没有时间。</translation>
    </message>
    <message>
        <source>Attachments must be a list.</source>
        <translation>附件必须是列表。</translation>
    </message>
    <message>
        <source>At most %1 attachments per action.</source>
        <translation>每次操作最多 %1 个附件。</translation>
    </message>
    <message>
        <source>Attachment id</source>
        <translation>附件 ID</translation>
    </message>
    <message>
        <source>Attachment name</source>
        <translation>附件名称</translation>
    </message>
    <message>
        <source>Attachment type</source>
        <translation>附件类型</translation>
    </message>
    <message>
        <source>Attachment checksum</source>
        <translation>附件校验和</translation>
    </message>
    <message>
        <source>Attachment name &quot;%1&quot; must be a plain file name.</source>
        <translation>附件名称“%1”必须是单纯的文件名。</translation>
    </message>
    <message>
        <source>Attachment %1 is larger than %2 MB.</source>
        <translation>附件 %1 超过 %2 MB。</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Grid cell</source>
        <translation>网格编号</translation>
    </message>
    <message>
        <source>Reporter name</source>
        <translation>报告人姓名</translation>
    </message>
    <message>
        <source>Reporter phone</source>
        <translation>报告人电话</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>哨件编号</translation>
    </message>
    <message>
        <source>Reporter phone may hold only digits, spaces, + and -.</source>
        <translation>报告人电话只能包含数字、空格、+ 和 -。</translation>
    </message>
    <message>
        <source>Unknown category &quot;%1&quot;.</source>
        <translation>未知类别“%1”。</translation>
    </message>
    <message>
        <source>Category %1 has no sub-category &quot;%2&quot;.</source>
        <translation>类别 %1 没有子类“%2”。</translation>
    </message>
    <message>
        <source>Unknown urgency &quot;%1&quot;.</source>
        <translation>未知紧急程度“%1”。</translation>
    </message>
    <message>
        <source>Unknown street &quot;%1&quot;.</source>
        <translation>未知街道“%1”。</translation>
    </message>
    <message>
        <source>Community &quot;%1&quot; is not part of %2.</source>
        <translation>社区“%1”不属于%2。</translation>
    </message>
    <message>
        <source>You can only register cases for your own street.</source>
        <translation>只能为本街道登记哨件。</translation>
    </message>
    <message>
        <source>You can only register cases for your own community.</source>
        <translation>只能为本社区登记哨件。</translation>
    </message>
    <message>
        <source>Give both longitude and latitude, or neither.</source>
        <translation>经度和纬度须同时填写或同时不填。</translation>
    </message>
    <message>
        <source>Longitude must be within ±180 and latitude within ±90.</source>
        <translation>经度须在 ±180 以内，纬度须在 ±90 以内。</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Choose at least one department to summon.</source>
        <translation>请至少选择一个要召集的部门。</translation>
    </message>
    <message>
        <source>At most 20 departments per whistle.</source>
        <translation>每次吹哨最多召集 20 个部门。</translation>
    </message>
    <message>
        <source>Unknown department &quot;%1&quot;.</source>
        <translation>未知部门“%1”。</translation>
    </message>
    <message>
        <source>%1 is listed twice.</source>
        <translation>%1 重复列出。</translation>
    </message>
    <message>
        <source>%1 is already summoned to this case.</source>
        <translation>%1 已被召集到该哨件。</translation>
    </message>
    <message>
        <source>Lead flag of %1</source>
        <translation>%1 的主办标记</translation>
    </message>
    <message>
        <source>Check-in deadline of %1</source>
        <translation>%1 的报到期限</translation>
    </message>
    <message>
        <source>Handling deadline of %1</source>
        <translation>%1 的处置期限</translation>
    </message>
    <message>
        <source>The handling deadline of %1 is before its check-in deadline.</source>
        <translation>%1 的处置期限早于其报到期限。</translation>
    </message>
    <message>
        <source>Name exactly one lead department (主办).</source>
        <translation>必须指定且只能指定一个主办部门。</translation>
    </message>
    <message>
        <source>The case already has a lead department; add others as assisting (协办).</source>
        <translation>该哨件已有主办部门；其他部门请作为协办部门加入。</translation>
    </message>
    <message>
        <source>Name the department this action is for.</source>
        <translation>请指定该操作所针对的部门。</translation>
    </message>
    <message>
        <source>Analysis decision must be whistle, street or merge.</source>
        <translation>研判结论必须是 whistle、street 或 merge。</translation>
    </message>
    <message>
        <source>Analysis note</source>
        <translation>研判意见</translation>
    </message>
    <message>
        <source>Name the case this one duplicates.</source>
        <translation>请填写该哨件所重复的原哨件。</translation>
    </message>
    <message>
        <source>Street handling deadline</source>
        <translation>街道处置期限</translation>
    </message>
    <message>
        <source>Review decision must be approve, return or reject.</source>
        <translation>审核结论必须是 approve、return 或 reject。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Reason for returning</source>
        <translation>退回理由</translation>
    </message>
    <message>
        <source>Handling feedback</source>
        <translation>处置反馈</translation>
    </message>
    <message>
        <source>Reason for postponement</source>
        <translation>延期理由</translation>
    </message>
    <message>
        <source>Requested deadline</source>
        <translation>申请的期限</translation>
    </message>
    <message>
        <source>The requested deadline must be later than the current one.</source>
        <translation>申请的期限必须晚于当前期限。</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>处理意见</translation>
    </message>
    <message>
        <source>Verification result</source>
        <translation>核查结果</translation>
    </message>
    <message>
        <source>Rework deadline</source>
        <translation>返工期限</translation>
    </message>
    <message>
        <source>Reason for rework</source>
        <translation>返工理由</translation>
    </message>
    <message>
        <source>Closing summary</source>
        <translation>结案小结</translation>
    </message>
    <message>
        <source>Callback contact</source>
        <translation>回访对象</translation>
    </message>
    <message>
        <source>Called by</source>
        <translation>回访人</translation>
    </message>
    <message>
        <source>Satisfaction must be satisfied, basic or dissatisfied.</source>
        <translation>满意度必须是 satisfied、basic 或 dissatisfied。</translation>
    </message>
    <message>
        <source>Reason for escalation</source>
        <translation>上报理由</translation>
    </message>
    <message>
        <source>Reason for reopening</source>
        <translation>重新启动理由</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>缓办</translation>
    </message>
    <message>
        <source>The case is already on hold.</source>
        <translation>该哨件已处于缓办状态。</translation>
    </message>
    <message>
        <source>The case is not on hold.</source>
        <translation>该哨件未处于缓办状态。</translation>
    </message>
    <message>
        <source>Rating must be a whole number from 1 to 5.</source>
        <translation>评分必须是 1 到 5 之间的整数。</translation>
    </message>
    <message>
        <source>Name the department you rate.</source>
        <translation>请指定要评价的部门。</translation>
    </message>
    <message>
        <source>Event %1 (%2) is not valid here: %3</source>
        <translation>事件 %1（%2）在此处无效：%3</translation>
    </message>
    <message>
        <source>Attachment %1 has no valid size in bytes.</source>
        <translation>附件 %1 没有有效的字节大小。</translation>
    </message>
    <message>
        <source>%1 is required.</source>
        <translation>%1为必填项。</translation>
    </message>
    <message>
        <source>%1 must be text.</source>
        <translation>%1必须是文本。</translation>
    </message>
    <message>
        <source>%1 is too long: %2 characters, at most %3.</source>
        <translation>%1过长：%2 个字符，最多 %3 个。</translation>
    </message>
    <message>
        <source>%1 contains control characters.</source>
        <translation>%1包含控制字符。</translation>
    </message>
    <message>
        <source>%1 must be true or false.</source>
        <translation>%1必须是 true 或 false。</translation>
    </message>
    <message>
        <source>%1 must be a date and time (ISO 8601).</source>
        <translation>%1必须是日期时间（ISO 8601）。</translation>
    </message>
    <message>
        <source>%1 must name its time zone (&quot;Z&quot; or an offset such as +08:00).</source>
        <translation>%1必须注明时区（“Z”或偏移量，例如 +08:00）。</translation>
    </message>
    <message>
        <source>Reason for the longer deadline</source>
        <translation>延长时限理由</translation>
    </message>
    <message>
        <source>The rule version of a whistle is a whole number from 1 to 1000000.</source>
        <translation>吹哨记录的规则版本须为 1 至 1000000 之间的整数。</translation>
    </message>
    <message>
        <source>Grid cell %1 (%2) belongs to %3, not to the community or street of this case.</source>
        <translation>网格 %1（%2）属于%3，不属于本哨件的社区或街道。</translation>
    </message>
</context>
<context>
    <name>gw::YearReportExporter</name>
    <message>
        <source>M%1</source>
        <comment>month column of the year report</comment>
        <translation>%1月</translation>
    </message>
    <message>
        <source>%1 (revision %2)</source>
        <translation>%1（第 %2 版）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>#</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Year score</source>
        <translation>年度得分</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>计入月数</translation>
    </message>
    <message>
        <source>GridWhistle year assessment</source>
        <translation>网格吹哨年度考核</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Indicator set version</source>
        <translation>指标集版本</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>汇总规则</translation>
    </message>
    <message>
        <source>Published months</source>
        <translation>已发布月份</translation>
    </message>
    <message>
        <source>Month results (SHA-256)</source>
        <translation>各月结果摘要 (SHA-256)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Unit id</source>
        <translation>单位编码</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Months counted</source>
        <translation>计入月数</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Grid Governance Year Assessment %1</source>
        <translation>%1 年度网格化治理考核</translation>
    </message>
    <message>
        <source>Published months:</source>
        <translation>已发布月份：</translation>
    </message>
    <message>
        <source>Rule (indicator set %1):</source>
        <translation>汇总规则（指标集 %1）：</translation>
    </message>
    <message>
        <source>Streets</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Months used</source>
        <translation>所用月份</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <source>Results (SHA-256)</source>
        <translation>结果摘要 (SHA-256)</translation>
    </message>
    <message>
        <source>not published</source>
        <translation>未发布</translation>
    </message>
    <message>
        <source>Monthly scores are the composite scores of each month&apos;s latest published revision; months not published do not count. &quot;—&quot;: no year score (too few scored months).</source>
        <translation>各月得分为该月最新发布版本的综合得分；未发布的月份不计入。“—”：有得分的月份不足，不计年度得分。</translation>
    </message>
    <message>
        <source>GridWhistle year assessment · %1 · indicator set %2</source>
        <translation>网格吹哨年度考核 · %1 · 指标集 %2</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>Year assessment %1</source>
        <translation>%1 年度考核</translation>
    </message>
    <message>
        <source>Cannot start the PDF %1.</source>
        <translation>无法创建 PDF %1。</translation>
    </message>
</context>
<context>
    <name>gw::YearRollup</name>
    <message numerus="yes">
        <source>weighted mean of the monthly composite scores (month weights %1), at least %n scored month(s)</source>
        <translation>
            <numerusform>各月综合得分的加权平均（月份权重 %1），至少 %n 个有得分的月份</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>mean of the monthly composite scores, at least %n scored month(s)</source>
        <translation>
            <numerusform>各月综合得分的平均值，至少 %n 个有得分的月份</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gw::YearRollupDialog</name>
    <message>
        <source>Year assessment</source>
        <translation>年度考核汇总</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Streets</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n month(s) published (%2); months not published do not count. Rule of indicator set %3: %4.</source>
        <translation>
            <numerusform>%1 年已发布 %n 个月（%2），未发布的月份不计入。指标集 %3 的汇总规则：%4。</numerusform>
        </translation>
    </message>
    <message>
        <source>M%1</source>
        <comment>month number</comment>
        <translation>%1月</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>The district server could not be asked (%1): shown from what this computer fetched before.</source>
        <translation>无法询问区服务器（%1）：显示本机之前取得的结果。</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Year score</source>
        <translation>年度得分</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>计入月数</translation>
    </message>
    <message>
        <source>Export year assessment as CSV</source>
        <translation>导出年度考核 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export year assessment report as PDF</source>
        <translation>导出年度考核报告 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between months</comment>
        <translation>、</translation>
    </message>
</context>
</TS>
