"""Threats of violence (rule 8, urgent), however they are worded.

A threat announces harm to someone or something: the agency and its buildings, an official, an
official's family, or "you". It is recognised by what it is made of, not by a list of sentences:

- an act of violence announced in the first person or as a fact to come (죽여버리겠다, 불 질러
  버린다, 터진다, 설치해놨다, 쏴버리고 싶다);
- menace without the act (가만 안 둔다, 각오해라, 피 보게 될 거다, 무사히 집에 갈 생각 마라)
  aimed at a target;
- the target's home, family, school or way home named with "I know / I'll be waiting / let's
  meet" (집 앞에서 보자, 딸 학교 어딘지 안다, 퇴근길에 기다린다);
- means of violence (휘발유, 폭탄, 흉기, 다이너마이트) brought to a target's place.

What is not a threat: violence used as a figure of speech about policies (중소기업 다 죽이는
정책, 예산 폭파 수준, 폭탄 세일), reported speech (죽이겠다는 말), and calls for punishment
through the law (엄벌, 처벌, 고발). Threats are held and marked urgent, never rejected: a
moderator must read them first, and may have to report them.
"""

import re

# Who or what a threat is aimed at.
_TARGET = (
    r"(?:조달청|청사|정부\s*청사|세종\s*청사|대전\s*청사|지방청|본청|건물|사무실|로비|민원실|청장실"
    r"|청장|차장|국장|과장|팀장|계장|주무관|사무관|서기관|담당자|담당|공무원|직원|장관|차관|총리|대통령"
    r"|의원|기자|너|너희|니들|느그|너네|당신|니놈|네놈|그놈|그년|그\s*새끼|저\s*새끼|이\s*새끼)"
)
_FAMILY_OR_HOME = (
    r"(?:가족|식구|애들|아이들|자식|딸|아들|아내|와이프|남편|부모님?|집\s*앞|자택|사는\s*곳"
    r"|사는\s*데|어디\s*사는지|학교|유치원|어린이집|퇴근\s*길|출근\s*길|밤\s*길|차\s*번호)"
)
# Violence in the future or the first person: the act itself.
_ACT = re.compile(
    r"죽여\s*(?:버리|버릴|버린|놓겠|놓을|줄|준다|주마)|죽이(?:겠|러\s*(?:간|갈|가)|고\s*(?:말|싶|야))"
    r"(?!\s*(?:다는|다던|다고|단|는\s*정책|는\s*제도))"
    r"|죽일\s*(?:거|것|꺼|테|께)|찔러\s*(?:버리|버릴|죽|주겠|준다)|칼(?:로|을)?\s*(?:찌르|찔러|쑤셔|꽂)"
    r"|(?:칼|흉기|망치|야구\s*방망이|쇠\s*파이프|총|엽총|가스총|사제\s*총)\s*(?:을|를)?\s*들고"
    r"|(?:폭탄|폭발물|사제\s*폭탄|다이너마이트|화약|tnt)\s*(?:을|를)?\s*(?:설치|터뜨|터트|던지|들고|심어|숨겨|갖다\s*놓|가져|준비)"
    r"|(?:설치|심어|숨겨|갖다\s*놓)\s*(?:해\s*)?놨|(?:\d{1,2}\s*시|정각|내일|오늘|곧)\s*(?:에\s*)?(?:다\s*)?(?:터진다|터질\s*거|폭발)"
    r"|폭파\s*(?:하겠|시키겠|할\s*거|할\s*것|시킨다|해\s*버리|예고|시켜\s*버리)|폭파\s*예고"
    r"|불\s*(?:을)?\s*질러\s*(?:버리|버릴|버린|주겠|놓겠|줄|준다)|불\s*(?:을)?\s*지르겠|불\s*(?:을)?\s*지를\s*(?:거|것|꺼)"
    r"|불\s*(?:태워|태워서)\s*(?:버리|버릴|죽)|방화\s*(?:하겠|할\s*거|예고)"
    r"|테러\s*(?:하겠|할\s*거|할\s*것|를\s*하겠|예고|하러)|습격\s*(?:하겠|할\s*거|한다)"
    r"|(?:쏘|쏴)\s*(?:죽|버리|버릴|버린다|버리고)|총\s*(?:으로|을|질)\s*(?:쏘|쏴|갈|간다|할)|난사\s*(?:하겠|할\s*거|한다|하고\s*싶)"
    r"|묻어\s*(?:버리|버릴|줄)|(?:패|때려)\s*(?:죽이|죽일|죽여|버리겠|줄게)|목(?:을)?\s*(?:따|조르|졸라)\s*(?:버리|버릴|주겠|겠)"
    r"|찾아\s*가서\s*(?:죽|패|찌|없애|쑤|담그)|(?:차|트럭)\s*(?:로|를\s*몰고)\s*(?:밀고\s*들어|돌진|들이받)"
    r"|쓸어\s*(?:버리|버릴|버림|버린다)|살해\s*(?:하겠|할\s*거|할\s*것|해\s*버리|예고)|(?:염산|황산)\s*(?:을|를)?\s*(?:뿌리|부어)"
    r"|담가\s*(?:버리|버릴)|(?:없애|제거해)\s*(?:버리겠|버릴\s*거|주겠)"
    r"|(?:불\s*(?:을)?\s*지르|죽이|찌르|쑤시|패|쏘|테러\s*하|부수|습격\s*하)러\s*(?:간다|갈\s*거|가겠|간다고|감)"
)
# Menace without the act: it needs a target (or the target's family, home, way home).
_END = r"(?=\s|$|[.!?~,ㅋㅎ])"
_MENACE = re.compile(
    r"가만\s*(?:안|않)\s*(?:둔|둘|두겠|둬|놔)|가만\s*두지\s*않|각오\s*(?:해라|하라|들\s*해|하는\s*게\s*좋|단단히)"
    rf"|각오\s*해{_END}|두고\s*(?:봐라|보자|보라){_END}|두고\s*봐{_END}|피\s*(?:를)?\s*(?:보게|볼\s*거|보고\s*말|볼\s*줄)|피바다"
    r"|조심\s*(?:해라|하라|시켜라|시켜|들\s*해라|하는\s*게\s*좋을|하시는\s*게\s*좋을)|밤\s*길\s*조심|뒤\s*조심"
    r"|무사(?:히)?\s*(?:[가-힣]+\s*){0,2}(?:생각\s*(?:마|말)|못\s*(?:할|갈|간))|목숨\s*(?:이\s*아깝|걸고\s*덤)"
)
# Weaker menace (waiting, finding out, "let's meet"): only with the target's home, family or way.
_STALKING = re.compile(
    r"기다린다|기다리겠다|기다릴게|기다리고\s*있(?:다|음|을게)|찾아\s*(?:간다|갈\s*거|가겠|갈게|가마|가서)"
    rf"|(?:보자|만나자){_END}|어딘지\s*(?:다\s*)?(?:안다|알아|알고)|알아\s*냈|다\s*알고\s*있|다\s*안다"
)
# Means of violence brought to a place.
_MEANS = re.compile(
    r"휘발유|시너|기름\s*통|염산|황산|흉기|칼|폭탄|폭발물|다이너마이트|엽총|가스총|화염병"
)
_PLACE = re.compile(
    r"(?:청사|조달청|지방청|사무실|로비|민원실|집|학교|건물)\s*(?:앞|안|로|에)?\s*(?:에서|으로|로)?\s*(?:보자|간다|갈\s*거|가겠|만나|기다)"
)
_TARGETED = re.compile(_TARGET)
_PERSONAL = re.compile(_FAMILY_OR_HOME)
# Violence as a figure of speech about policies and reported or legal speech.
_FIGURATIVE = re.compile(
    r"(?:정책|제도|규제|법안|예산|경제|기업|업계|시장|산업|소상공인|자영업|일자리|지방|지역)\s*(?:을|를|이|가|들)?\s*(?:다\s*)?죽이"
    r"|(?:죽이|폭파|불\s*지르)\s*(?:는|ㄴ)\s*(?:정책|제도|규제|법|발언|소리|수준)|폭탄\s*(?:세일|할인|발언|선언|배송)"
    r"|(?:엄벌|처벌|고발|고소|신고|수사|구속|단속|근절|대책|예방|검거|막아|막을)"
)


def is_threat(text) -> bool:
    """Whether the comment announces violence against someone or something."""
    for view in dict.fromkeys((text.lower, text.joined)):
        if _ACT.search(view) and not _only_figurative(view):
            return True
        targeted = bool(_TARGETED.search(view))
        personal = bool(_PERSONAL.search(view))
        if _MENACE.search(view) and (targeted or personal):
            return True
        if _STALKING.search(view) and personal and (targeted or _MENACE.search(view)):
            return True
        if _MEANS.search(view) and (_PLACE.search(view) or targeted):
            return True
    return False


def _only_figurative(view: str) -> bool:
    """Every act in the view is a figure of speech about a policy, or the law's punishment."""
    acts = list(_ACT.finditer(view))
    return bool(acts) and all(
        _FIGURATIVE.search(view[max(0, m.start() - 12) : m.end() + 8]) for m in acts
    )


_THREATS_EN = re.compile(
    r"(?<![a-z])(?:i(?:'ll|\s+will|'m\s+going\s+to|\s+am\s+going\s+to|\s+gonna)|gonna|going\s+to)\s+"
    r"(?:kill|shoot|stab|bomb|murder|hurt|blow\s+up|burn)(?![a-z])"
    r"|(?<![a-z])kill\s+(?:you|him|her|them|all\s+of)(?![a-z])|(?<![a-z])you(?:'re|\s+are)\s+(?:dead|next)(?![a-z])"
    r"|(?<![a-z])(?:plant|place|planted|placed)\s+a\s+bomb(?![a-z])|(?<![a-z])shoot\s+up\s+the(?![a-z])",
    re.I,
)


def is_threat_in_english(text) -> bool:
    return bool(_THREATS_EN.search(text.lower))
