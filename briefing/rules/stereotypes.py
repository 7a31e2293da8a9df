"""Rule 4 without a listed word: demeaning generalisations about a group of people.

"여자들은 원래 감정적이라", "중국인들은 하나같이 더럽고", "전라도 사람들은 뒤통수 치는 게 종특",
"노인네들은 빨리 사라져야": a group (by gender, sexual orientation, nationality or race, age,
region, religion, disability, political camp) said to be bad as a whole. The shape is what is
recognised: the group, and then one of
- a generalisation (은/는 다, 하나같이, 원래, 종특, 수준…) with a demeaning predicate;
- a wish to be rid of them (사라져야, 추방, 입국 금지, 뽑지 마라…);
- a demeaning word for them as a whole (…것들, …족속, …종자, a name ending in 충).

Naming a group is never a finding by itself ("중국 시장 진출", "전라도 출장", "여성 기업인 교육",
"외국인 근로자 지원"), nor is criticising what a government does for them. Findings hold: a
moderator tells a stereotype from a quotation or an argument about one.
"""

import re

from django.utils.translation import gettext_lazy as _

from .verdict import HOLD, Finding

RULE = 4
MESSAGE = _("운영원칙 제4항(특정 집단 비하) 해당 여부를 관리자가 확인한 뒤 게시됩니다.")

_GROUPS = {
    "gender": r"여자|여성|여자애|여초|아줌마|김여사|여경|여군|남자|남성|남초|아저씨|한남|한녀|페미|페미니스트|메갈|냄져|그남",
    "sexuality": r"동성애자|동성애|게이|레즈|레즈비언|트랜스젠더|트젠|성소수자|퀴어|호모|양성애자",
    "nationality": r"중국인|중국놈|중국애|짱깨|짱개|조선족|일본인|일본놈|쪽바리|왜놈|흑인|흑형|백인|동남아인|동남아|베트남인"
    r"|필리핀인|외국인|이민자|난민|무슬림|다문화|유대인|인도인|아랍인|북한\s*사람|탈북자|새터민",
    "religion": r"기독교인|기독교|개신교|교회\s*다니는|목사|개독|불교도|스님|중놈|천주교|신천지|이슬람|종교인|무교",
    "age": r"노인네|노인|늙은이|노친네|틀딱|할배|할매|꼰대|요즘\s*(?:애들|것들|젊은\s*것들|젊은이|mz)|mz\s*세대"
    r"|[1-6]0\s*대(?:\s*(?:애들|남자|여자|들|것들|놈들))?|급식|잼민이|초딩|중딩|청년들|젊은\s*것들|애새끼들",
    "region": r"전라도|전라디언|호남|홍어|경상도|쌍도|경상디언|충청도|멍청도|강원도|감자바우|서울\s*놈|지방충|촌놈|시골\s*사람",
    "disability": r"장애인|장애자|애자|정신병자|정신\s*장애인",
    "politics": r"좌파|우파|좌빨|수꼴|보수\s*꼴통|진보\s*놈|민주당|국민의힘|여당|야당|지지자|대깨문|개딸|태극기\s*부대|틀튜브",
}
_GROUP = re.compile(
    "(?P<group>"
    + "|".join(f"(?:{pattern})" for pattern in _GROUPS.values())
    + r")(?P<plural>(?:\s*사람)?들)?"
)
# The plural group as the topic of the sentence: "흑인들은 …" speaks of all of them.
_PLURAL_TOPIC = re.compile(r"^\s*(?:은|는|이란|이)\s")
_KIND_OF = {kind: re.compile(pattern) for kind, pattern in _GROUPS.items()}

# Said of the whole group.
_GENERAL = re.compile(
    r"^\s*(?:은|는|이란|이라는|들은|들이란|들이|이|가|애들은|것들은|놈들은)?\s*(?:[가-힣]+\s*){0,4}?"
    r"(?:다\s|전부|죄다|하나같이|모두|원래|본래|태생|선천적|대부분|맨날|항상|늘|역시|결국|종특|특징|특성|습성"
    r"|수준|본성|dna|유전자|민족성|근성|클래스|답이\s*없|답\s*없)"
)
_DEMEANING = re.compile(
    r"종특|종자|민족성|열등\s*(?:민족|인종)|유전자\s*(?:가|부터)|dna\s*(?:가|부터)|감정적|이기적|게으르|게을러|무식|멍청|더럽|드럽|시끄럽|역겹|혐오스럽|미개|열등|저능|지능(?:이)?\s*(?:낮|딸|떨어)"
    r"|뇌가|머리가\s*나쁘|정신병|정신\s*이상|병이니|질병|범죄자|잠재적|사기꾼|테러리스트|쓰레기|벌레|짐승|기생충"
    r"|암덩어리|바퀴벌레|매국노|뒤통수|배신|거지|꼴통|냄새|더러운|천박|저급|못\s*배운|못배|무능|쓸모\s*없|필요\s*없"
    r"|나라\s*망|망조|해롭|위험한\s*(?:족속|놈들|것들)|믿으면\s*안|믿을\s*수\s*없|상종|근성\s*없|생각이란\s*걸\s*안"
    r"|생각\s*(?:을)?\s*안\s*(?:함|한다|해)|개념\s*(?:이|도)?\s*없|못\s*(?:한다|함|해)|안\s*(?:됨|된다|돼)|틀려\s*먹|글러\s*먹"
)
# A wish to be rid of them.
_RID = re.compile(
    r"사라져야|없어져야|없애야|추방|격리|박멸|퇴출|쫓아내|몰아내|입국\s*(?:금지|막|못)|받지\s*(?:마|말|말아)|뽑지\s*(?:마|말)"
    r"|뽑으면\s*안|안\s*뽑|씨를\s*말려|멸종|다\s*죽|전부\s*죽|죽어야|치료\s*(?:부터|받아|해야)|교화|정신\s*차려야"
    r"|나가라|꺼져라|돌아가라|못\s*오게|창궐|득실|바글바글"
)
# A demeaning word for them as a whole.
_COLLECTIVE = re.compile(r"^\s*(?:것들|놈들|년들|새끼들|종자|족속|족|떼거리|무리|벌레|충)")
_DISCUSSION = re.compile(
    r"차별|혐오\s*(?:표현|발언|범죄)|편견|고정관념|인권|지원|정책|고용|일자리|교육|복지|보호|통계|조사|평등|존중"
)


def demeaned_groups(text) -> set[str]:
    """The kinds of group the comment demeans as a whole (empty when it does not)."""
    view = text.lower
    found = set()
    for match in _GROUP.finditer(view):
        after = view[match.end() : match.end() + 40]
        general = bool(_GENERAL.match(after)) or bool(
            match.group("plural") and _PLURAL_TOPIC.match(after)
        )
        demeaning = bool(_DEMEANING.search(after))
        if _COLLECTIVE.match(after) or _RID.search(after) or (general and demeaning):
            found.add(_kind(match.group("group")))
    if found and _DISCUSSION.search(view) and not _RID.search(view):
        # "여성 차별 통계", "외국인 근로자 지원 정책": talk about the group, not against it.
        return set()
    return found


def _kind(group: str) -> str:
    for kind, pattern in _KIND_OF.items():
        if pattern.fullmatch(group.strip()) or pattern.match(group.strip()):
            return kind
    return "other"


def validate(text, ctx) -> list[Finding]:
    groups = demeaned_groups(text)
    if not groups:
        return []
    return [
        Finding(
            RULE,
            HOLD,
            "profanity.stereotype",
            MESSAGE,
            0.7,
            detail="demeans a group as a whole: " + ", ".join(sorted(groups)),
        )
    ]
