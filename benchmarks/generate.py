"""Synthetic corpora for the benchmarks, in the layouts of ``seeds/`` plus BibTeX.

    python benchmarks/generate.py --papers 100000 --seed 7 -o benchmarks/corpora/100k

writes ``OUT/input/<layout>/<n>.txt|.bib`` (the files to feed kg) and ``OUT/manifest.json`` (the
ground truth: distinct papers and people, records per layout and per file). The same seed gives
byte-identical files.

The world behind the text is small and explicit, so the figures mean something:

* labs (a topic, one or two organisations, 3-80 members) with lognormal activity, so author
  productivity is heavy-tailed; the lab head is the usual last author;
* papers of 1-15 authors, mostly from one lab, sometimes with a collaborator from another lab of
  the same topic or a one-off outside author (a co-author graph with communities);
* topics, each a word distribution over its own terms plus shared academic words, so that
  clustering the abstracts finds them again; each topic has an arXiv category;
* name variants (``Jung-Woo Ha`` / ``Jungwoo Ha`` / ``J Ha`` / ``Ha, Jung-Woo``) and homonyms (a
  few people carry the exact name of someone in another lab);
* papers seen twice: an abstract-only line repeating a listed paper's abstract, and BibTeX
  entries repeating digest papers (same arXiv id).

Documents are generated one at a time and written at once, so memory stays flat at any size.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

#: Bump when the output for a given seed changes, so cached corpora are regenerated.
GENERATOR_VERSION = 1

#: Share of the distinct papers first listed in each layout (abstract_lines gets its own papers
#: plus repeats of papers listed elsewhere).
LAYOUT_SHARES = {
    "profile_list": 0.27,
    "profile_page": 0.27,
    "arxiv_digest": 0.16,
    "bibtex": 0.20,
    "abstract_lines": 0.10,
}
#: Papers per document: (median, min, max) of a lognormal.
DOC_SIZES = {
    "profile_list": (40, 10, 150),
    "profile_page": (50, 20, 300),
    "abstract_lines": (15, 5, 50),
    "bibtex": (40, 10, 200),
}
ABSTRACT_REPEAT_SHARE = 0.3  # of the lines in an abstract list: repeats of papers listed elsewhere
BIBTEX_REPEAT_SHARE = 0.1  # of the entries in a BibTeX file: repeats of digest papers
LISTED_AUTHORS = 3  # listing layouts show 3 authors, then ' et al.'

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
BIB_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

# ---------------------------------------------------------------------------------------------
# Vocabulary: categories (code, arXiv class, Chinese label, terms, Chinese terms) and the topics
# within them (extra terms). Each topic's word distribution is its own terms plus shared words.

CATEGORIES = {
    "CV": (
        "cs.CV",
        "计算机视觉",
        "image images visual video segmentation detection pixel object scene camera depth pose "
        "recognition convolutional backbone resolution texture shape point cloud rendering "
        "occlusion bounding box frames optical flow tracking instance semantic appearance",
        "图像 视觉 分割 检测 目标 场景 深度 视频 渲染 姿态",
    ),
    "CL": (
        "cs.CL",
        "计算与语言",
        "language text sentence token tokens translation corpus lexical syntactic parsing "
        "dialogue question answering summarization entity linguistic prompt prompts multilingual "
        "reasoning generation decoding vocabulary annotation discourse instruction",
        "语言 文本 翻译 对话 问答 摘要 语料 推理 提示 生成",
    ),
    "LG": (
        "cs.LG",
        "机器学习",
        "gradient optimization loss training generalization neural network networks regularization "
        "convergence stochastic parameters objective representation representations supervised "
        "continual federated transfer meta kernel batch labels noisy distribution shift",
        "梯度 优化 训练 泛化 神经网络 表示 迁移 联邦 持续学习 正则化",
    ),
    "IR": (
        "cs.IR",
        "信息检索",
        "recommendation recommender retrieval ranking query queries user users item items click "
        "search relevance collaborative filtering session embedding sequential ctr candidate "
        "personalized engagement catalog shopping",
        "推荐 检索 排序 查询 用户 物品 点击 搜索 个性化 嵌入",
    ),
    "AI": (
        "cs.AI",
        "人工智能",
        "agent agents planning knowledge reasoning symbolic logic commonsense graph tracing "
        "decision tutoring student students causal explanation explainable search heuristic "
        "constraint ontology inference",
        "智能体 规划 知识 推理 逻辑 常识 决策 因果 解释 搜索",
    ),
    "RO": (
        "cs.RO",
        "机器人",
        "robot robots manipulation grasping locomotion navigation control policy trajectory "
        "sim-to-real legged dexterous actuator motion planner tactile autonomous driving "
        "controller embodied",
        "机器人 操作 抓取 导航 控制 策略 轨迹 运动 自动驾驶 具身",
    ),
    "AS": (
        "eess.AS",
        "音频与语音",
        "speech audio acoustic speaker recognition asr spoken waveform spectrogram vocoder "
        "prosody phoneme utterance voice synthesis enhancement separation noise microphone "
        "transcription",
        "语音 音频 声学 说话人 识别 合成 增强 分离 波形 韵律",
    ),
    "SD": (
        "cs.SD",
        "声音",
        "music musical sound onset melody rhythm instrument symbolic note notes chord audio "
        "generation beat timbre composition piano",
        "音乐 声音 旋律 节奏 乐器 音符 和弦 作曲",
    ),
    "HC": (
        "cs.HC",
        "人机交互",
        "interaction interface users participants study usability design visualization "
        "accessibility interactive crowdsourcing survey wearable feedback perception "
        "collaboration",
        "交互 界面 用户 可用性 设计 可视化 无障碍 反馈",
    ),
    "SI": (
        "cs.SI",
        "社会与信息网络",
        "social network networks community influence diffusion graph nodes edges propagation "
        "heterogeneous link prediction misinformation spread centrality",
        "社交 网络 社区 影响力 传播 图 节点 链接 预测",
    ),
    "ML": (
        "stat.ML",
        "机器学习(统计)",
        "bayesian posterior inference variational prior uncertainty estimation sampling "
        "gaussian process kernel causal identifiability bounds calibration likelihood "
        "divergence estimator",
        "贝叶斯 后验 推断 变分 不确定性 估计 采样 高斯过程 校准",
    ),
    "CR": (
        "cs.CR",
        "密码学与安全",
        "attack attacks adversarial privacy security defense backdoor poisoning robustness "
        "differential encryption malware vulnerability jailbreak red teaming watermark",
        "攻击 隐私 安全 防御 后门 鲁棒性 差分隐私 加密 水印",
    ),
}

#: Conferences of each category, for BibTeX ``booktitle``.
VENUES = {
    "CV": ("CVPR", "ICCV", "ECCV"),
    "CL": ("ACL", "EMNLP", "NAACL"),
    "LG": ("NeurIPS", "ICML", "ICLR"),
    "IR": ("SIGIR", "RecSys", "KDD"),
    "AI": ("AAAI", "IJCAI"),
    "RO": ("ICRA", "IROS", "CoRL"),
    "AS": ("ICASSP", "Interspeech"),
    "SD": ("ISMIR", "ICASSP"),
    "HC": ("CHI", "CSCW", "UIST"),
    "SI": ("WWW", "ICWSM"),
    "ML": ("AISTATS", "UAI"),
    "CR": ("USENIX Security", "CCS"),
}

#: Two topics a category; each adds its own terms to the category's.
TOPICS = (
    ("CV", "generative adversarial gan diffusion synthesis style latent editing"),
    ("CV", "self-supervised contrastive pretraining augmentation features linear probing"),
    ("CL", "large model llm llms pretrained fine-tuning alignment in-context"),
    ("CL", "machine translation low-resource korean bilingual alignment"),
    ("LG", "quantization pruning compression low-precision bit efficient mobile"),
    ("LG", "graph neural gnn message passing node heterogeneous"),
    ("IR", "news articles ctr advertisement ads image assessment"),
    ("IR", "sequential session transformer attention positional history"),
    ("AI", "knowledge tracing tutoring education learners exercises"),
    ("AI", "multi-agent cooperation game theoretic negotiation"),
    ("RO", "reinforcement reward policy imitation demonstrations"),
    ("RO", "driving lidar perception planning vehicles"),
    ("AS", "asr end-to-end ctc streaming recognition"),
    ("AS", "tts vocoder expressive emotion prosody"),
    ("SD", "transcription onset polyphonic midi"),
    ("SD", "generation symbolic composition accompaniment"),
    ("HC", "crowd workers annotation labeling quality"),
    ("HC", "chatbot conversational agents call monitoring"),
    ("SI", "influence maximization diffusion seed cascades"),
    ("SI", "fake news detection rumor propagation"),
    ("ML", "pseudocoreset coreset bayesian divergence"),
    ("ML", "causal discovery treatment effect confounding"),
    ("CR", "backdoor poisoning trigger defense"),
    ("CR", "red teaming jailbreak safety bias"),
)

SHARED_WORDS = (
    "the of and to a in we for is that with on our by this as are from an which model method "
    "results show be can propose these performance approach data using both new learning based "
    "than at it its such task tasks existing however experiments state-of-the-art demonstrate "
    "further while framework two into large recent work previous over not significantly also "
    "different between more achieve each proposed effective novel via under improve across "
    "benchmark benchmarks extensive first evaluate without paper them only when they through has "
    "their most simple"
).split()
SHARED_ZH = "本文 提出 方法 模型 实验 表明 显著 提升 性能 框架 基于 有效 新的 问题 任务 数据".split()

TITLE_WORDS = (
    "Efficient Robust Scalable Towards Learning Rethinking Unified Adaptive Simple "
    "Improving Beyond Revisiting Understanding Generalizable Fast"
).split()
TITLE_TEMPLATES = (
    "{A}: {W} {T} {T} for {T} {T}",
    "{W} {T} {T} via {T} {T}",
    "Learning {T} {T} with {T} {T}",
    "Towards {W} {T} {T} in {T} {T}",
    "On the {T} of {T} {T}",
    "{T} {T} {T}: A {W} {T} Approach",
    "Which {T} Matter for {T} {T}?",
    "{A}: {T} {T} and {T} for {W} {T} {T}",
    "{W} {T} {T} {T}",
)
OPENING_SENTENCES = (
    "{T} {T} is a fundamental problem in {T} {T}.",
    "Recent advances in {T} {T} have enabled {T} {T} at scale.",
    "We study {T} {T} for {T} {T}.",
    "{T} {T} remains challenging because of {T} {T}.",
)
CODE_SENTENCES = (
    "Code is available at {U}",
    "Code is available at \\url{{{U}}}.",
    "Our code is publicly available at {U}.",
    "Code and data splits are available in {U}.",
)

# ---------------------------------------------------------------------------------------------
# Names: family names with skewed frequencies; given names from several naming traditions.

KOREAN_FAMILY = (
    "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Yoo Hong Jeon Ko "
    "Moon Yang Son Bae Baek Heo Nam Noh Ha Kwak Seong Na Byun Jo"
).split()
CHINESE_FAMILY = (
    "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie "
    "Tang Han Cao Deng Feng Zeng Peng Xiao Cai Pan Tian Dong Yuan Jiang Gu Dai"
).split()
WESTERN_FAMILY_ROOTS = (
    "Ander Bald Carl Dan Eck Fisch Gold Hart Ingr Jans Kess Lind Mart Nils Ols "
    "Pett Quin Ross Stein Thom Ulr Vogt Wald Xav Young Zell Brad Crom Dorn Ell "
    "Frank Gars Holm Ivers Kerr Lang Mill Norr Orr Penn Rich Sand Tay Vanc Wint"
).split()
WESTERN_FAMILY_ENDINGS = "son sen man mann er ley ton berg field ford wood ski ez ini ard".split()
EXTRA_FAMILY = (
    "Müller Núñez Viganò Dernoncourt Leskovec Alvarez-Melis Gallego-Posada Rosenberg Strubell Martinsson"
).split()
KOREAN_SYLLABLES = (
    "Jung Woo Hyun Su Jae Min Seung Ji Hoon Young Sang Dong Hye Kyung Jin Sung Ho "
    "Eun Yeon Joon Hwan Seok Chan Won Gyu Tae Yun Hee Jun Soo Byung Chul Kwang "
    "Myung Dae Sook Mi Na Ra In Han Bin Il Gun Yong"
).split()
CHINESE_SYLLABLES = (
    "Wei Xiao Dong Hao Jie Yu Lei Ming Jun Tao Yan Qiang Zhi Hong Ling Fang Xin "
    "Hui Bo Chao Jian Ying Jing Peng Rui Kai Yi Qi Shu Zhen Heng Zhong Ning Xu "
    "Lan Feng Yun Ping Cheng"
).split()
WESTERN_GIVEN = (
    "Adrian Andrew Anna Ben Clara Daniel David Elena Emma Egil Felix François Hannah "
    "Isabel Jacob James Jan Jonas José Julia Jürgen Karl Laura Leo Lucas Maria Marco "
    "Martin Max Michael Nina Olivia Oscar Paul Peter Rachel Raphael Sara Sophie Thomas "
    "Tim Victor Yeon Zoe"
).split()

#: (full name, short alias). Short aliases appear lower-cased after ' · ' on profile pages.
KNOWN_ORGS = (
    ("Carnegie Mellon University", "CMU"),
    ("University of Washington", "UW"),
    ("NAVER AI Lab", "NAVER"),
    ("KAIST", "KAIST"),
    ("Seoul National University", "SNU"),
    ("Google Research", "Google"),
    ("Microsoft Research", "MSR"),
    ("Tsinghua University", "THU"),
    ("Peking University", "PKU"),
    ("Stanford University", "Stanford"),
    ("Massachusetts Institute of Technology", "MIT"),
    ("University of California, Berkeley", "UCB"),
    ("Meta AI", "Meta"),
    ("DeepMind", "DeepMind"),
    ("Chinese Academy of Sciences", "CAS"),
    ("Huawei Noah’s Ark Lab", "Huawei"),
    ("Alibaba Group", "Alibaba"),
    ("University of Oxford", "Oxford"),
    ("ETH Zurich", "ETH"),
    ("University of Toronto", "UofT"),
    ("Mila", "Mila"),
    ("Université de Montréal", "UdeM"),
    ("Princeton University", "Princeton"),
    ("Yonsei University", "Yonsei"),
    ("Korea University", "KU"),
    ("POSTECH", "POSTECH"),
    ("Pinterest", "Pinterest"),
    ("Adobe Research", "Adobe"),
    ("Imperial College London", "Imperial"),
    ("The Chinese University of Hong Kong", "CUHK"),
    ("National University of Singapore", "NUS"),
    ("University of Tokyo", "UTokyo"),
    ("University of Illinois at Urbana-Champaign", "UIUC"),
    ("NVIDIA", "NVIDIA"),
    ("Samsung Research", "Samsung"),
    ("LG AI Research", "LGAI"),
)
PLACE_SYLLABLES = "nor val kes trin bel ham ost ria dun mor cal lis ven tor ar ing wick by lan dor".split()
DIGEST_HEADER = (
    "转自爱可可爱生活",
    "另外几篇值得关注的论文:",
    "内容中包含的图片若涉及版权问题,请及时与我们联系删除",
)
DIGEST_LEGEND_CODES = ("LG", "CV", "CL", "AS", "RO", "IR")


# ---------------------------------------------------------------------------------------------
# The world: topics, organisations, people and labs, built once per corpus.


@dataclass(frozen=True)
class Topic:
    number: int
    code: str  # category code as listings write it, e.g. "CV"
    arxiv_class: str  # e.g. "cs.CV"
    terms: tuple[str, ...]  # title and opening-sentence terms, most typical first
    words: tuple[str, ...]  # abstract vocabulary: terms and shared words
    cum_weights: tuple[float, ...]
    terms_zh: tuple[str, ...]


@dataclass(frozen=True)
class Org:
    name: str
    short: str


@dataclass(frozen=True)
class Lab:
    first_person: int  # members are first_person .. first_person + size - 1; the first heads it
    size: int
    topic: int
    orgs: tuple[int, ...]
    code_owner: str  # GitHub owner of the lab's code


@dataclass(frozen=True)
class World:
    topics: tuple[Topic, ...]
    orgs: tuple[Org, ...]
    labs: tuple[Lab, ...]
    lab_cum_weights: tuple[float, ...]
    labs_by_topic: tuple[tuple[int, ...], ...]
    given_names: tuple[str, ...]
    family_names: tuple[str, ...]
    person_given: list[int]  # person id -> index into given_names
    person_family: list[int]  # person id -> index into family_names
    outsiders: range  # person ids of one-off outside authors
    homonym_people: int  # people given the exact name of someone in another lab


@dataclass(frozen=True)
class Paper:
    number: int
    topic: Topic
    authors: tuple[int, ...]
    orgs: tuple[int, ...]
    year: int
    month: int
    day: int
    title: str
    acronym: str | None
    abstract: str
    code_url: str | None
    arxiv_id: str


@dataclass
class Tally:
    """What was written: the ground truth the manifest records (an accumulator, filled as we go)."""

    papers: int = 0
    records: Counter = field(default_factory=Counter)
    documents: Counter = field(default_factory=Counter)
    repeats: Counter = field(default_factory=Counter)
    profiles: int = 0
    people: set = field(default_factory=set)
    visible: set = field(default_factory=set)
    in_full: set = field(default_factory=set)  # people written at least once with a full given name
    variant_people: set = field(default_factory=set)
    orgs_named: set = field(default_factory=set)
    truncated_lists: int = 0
    yearless_dates: int = 0
    with_code: int = 0
    bytes: int = 0
    files: dict = field(default_factory=dict)
    new_by_layout: Counter = field(default_factory=Counter)  # distinct papers first listed there


def _zipf_weights(n: int, s: float = 1.0) -> list[float]:
    return [1.0 / (rank + 1) ** s for rank in range(n)]


def _cumulative(weights: list[float]) -> tuple[float, ...]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return tuple(out)


def _lognormal_int(rng: random.Random, median: float, low: int, high: int, sigma: float = 0.8) -> int:
    return max(low, min(high, int(round(rng.lognormvariate(math.log(median), sigma)))))


def make_topics() -> tuple[Topic, ...]:
    topics = []
    for number, (code, extra) in enumerate(TOPICS):
        arxiv_class, _, terms, terms_zh = CATEGORIES[code]
        own = tuple(dict.fromkeys(extra.split() + terms.split()))
        # Topic terms take ~40% of the mass of an abstract, shared words the rest.
        topic_w = [0.4 * w / sum(_zipf_weights(len(own), 0.7)) for w in _zipf_weights(len(own), 0.7)]
        shared_w = [0.6 * w / sum(_zipf_weights(len(SHARED_WORDS))) for w in _zipf_weights(len(SHARED_WORDS))]
        topics.append(
            Topic(
                number,
                code,
                arxiv_class,
                own,
                own + tuple(SHARED_WORDS),
                _cumulative(topic_w + shared_w),
                tuple(terms_zh.split()),
            )
        )
    return tuple(topics)


def make_orgs(rng: random.Random, count: int) -> tuple[Org, ...]:
    orgs = [Org(name, short) for name, short in KNOWN_ORGS]
    seen = {o.name for o in orgs}
    while len(orgs) < count:
        place = "".join(rng.choice(PLACE_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        kind = rng.randrange(4)
        if kind == 0:
            org = Org(f"University of {place}", f"U{place[:3]}")
        elif kind == 1:
            org = Org(f"{place} Institute of Technology", f"{place[0]}IT")
        elif kind == 2:
            org = Org(f"{place} University", place)
        else:
            org = Org(f"{place} AI Lab", f"{place} AI")
        if org.name not in seen:
            seen.add(org.name)
            orgs.append(org)
    return tuple(orgs)


def make_name_tables(rng: random.Random) -> tuple[tuple[str, ...], tuple[float, ...], tuple[str, ...]]:
    """Family names (most frequent first, with Zipf cumulative weights) and given names."""
    western = sorted({root + end for root in WESTERN_FAMILY_ROOTS for end in WESTERN_FAMILY_ENDINGS})
    rng.shuffle(western)
    family = KOREAN_FAMILY + CHINESE_FAMILY + EXTRA_FAMILY + western
    interleaved = [name for pair in zip(KOREAN_FAMILY, CHINESE_FAMILY, strict=False) for name in pair]
    family = tuple(dict.fromkeys(interleaved + family))
    given: list[str] = []
    for a in KOREAN_SYLLABLES:
        for b in KOREAN_SYLLABLES:
            if a != b:
                given.append(f"{a}-{b}" if (len(a) + len(b)) % 3 == 0 else a + b.lower())
    given += [a + b.lower() for a in CHINESE_SYLLABLES for b in CHINESE_SYLLABLES if a != b]
    given += CHINESE_SYLLABLES + WESTERN_GIVEN
    given += [f"{a} {b}" for a, b in zip(KOREAN_SYLLABLES, reversed(KOREAN_SYLLABLES), strict=True) if a != b]
    given = list(dict.fromkeys(given))
    rng.shuffle(given)
    return family, _cumulative(_zipf_weights(len(family), 0.9)), tuple(given)


def assign_names(
    rng: random.Random, people: int, family_cum: tuple[float, ...], n_given: int
) -> tuple[list[int], list[int]]:
    """A distinct (given, family) pair for each person: a skewed family, then the family's next
    unused given name (a per-family stride walk), spilling to the next family when one is full."""
    n_family = len(family_cum)
    used = [0] * n_family
    stride = [rng.randrange(1, n_given) | 1 for _ in range(n_family)]
    while any(math.gcd(s, n_given) != 1 for s in stride):
        stride = [s if math.gcd(s, n_given) == 1 else s + 2 for s in stride]
    start = [rng.randrange(n_given) for _ in range(n_family)]
    given_of, family_of = [0] * people, [0] * people
    families = rng.choices(range(n_family), cum_weights=family_cum, k=people)
    for person, fam in enumerate(families):
        while used[fam] >= n_given:
            fam = (fam + 1) % n_family
        given_of[person] = (start[fam] + used[fam] * stride[fam]) % n_given
        family_of[person] = fam
        used[fam] += 1
    return given_of, family_of


def make_world(rng: random.Random, papers: int) -> World:
    topics = make_topics()
    n_labs = max(12, papers // 20)
    orgs = make_orgs(rng, max(len(KNOWN_ORGS), n_labs // 8))
    org_cum = _cumulative(_zipf_weights(len(orgs), 0.8))
    labs, first = [], 0
    for _ in range(n_labs):
        size = _lognormal_int(rng, 12, 3, 80, 0.6)
        n_orgs = 1 if rng.random() < 0.7 else 2
        lab_orgs = tuple(sorted(set(rng.choices(range(len(orgs)), cum_weights=org_cum, k=n_orgs))))
        owner = orgs[lab_orgs[0]].short.lower().replace(" ", "-") + rng.choice(("", "-ai", "-lab", "ai"))
        labs.append(Lab(first, size, rng.randrange(len(topics)), lab_orgs, owner))
        first += size
    outsiders = range(first, first + max(10, papers // 4))
    family, family_cum, given = make_name_tables(rng)
    given_of, family_of = assign_names(rng, outsiders.stop, family_cum, len(given))
    homonyms = _make_homonyms(rng, labs, given_of, family_of)
    activity = [rng.lognormvariate(0, 1.2) for _ in labs]
    by_topic: list[list[int]] = [[] for _ in topics]
    for number, lab in enumerate(labs):
        by_topic[lab.topic].append(number)
    return World(
        topics,
        orgs,
        tuple(labs),
        _cumulative(activity),
        tuple(tuple(t) for t in by_topic),
        given,
        family,
        given_of,
        family_of,
        outsiders,
        homonyms,
    )


def _make_homonyms(rng: random.Random, labs: list[Lab], given_of: list[int], family_of: list[int]) -> int:
    """Give 0.5% of lab members (never a lab head) the name of a member of another lab."""
    count = 0
    for _ in range(max(2, sum(lab.size for lab in labs) // 200)):
        a, b = rng.sample(range(len(labs)), 2)
        if labs[a].topic == labs[b].topic:
            continue
        person = labs[a].first_person + rng.randrange(1, labs[a].size)
        twin = labs[b].first_person + rng.randrange(1, labs[b].size)
        given_of[person], family_of[person] = given_of[twin], family_of[twin]
        count += 1
    return count


# ---------------------------------------------------------------------------------------------
# Papers


@dataclass
class PaperState:
    """Counters that keep papers distinct: the next paper number, titles used, arXiv numbers."""

    next_number: int = 0
    title_keys: set = field(default_factory=set)
    arxiv_next: Counter = field(default_factory=Counter)


def _title_key(title: str) -> bytes:
    return hashlib.blake2b(
        "".join(ch for ch in title.lower() if ch.isalnum()).encode(), digest_size=8
    ).digest()


def _term(rng: random.Random, topic: Topic) -> str:
    # Typical terms first: favour the head of the list.
    return topic.terms[int(len(topic.terms) * rng.random() ** 1.6)]


def _acronym(rng: random.Random) -> str:
    letters = "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVWXYZ") for _ in range(rng.randint(2, 4)))
    return letters + rng.choice(("", "", "Net", "GAN", "Former", "-X", "BERT", "Mix", "v2"))


def _fill(
    template: str, rng: random.Random, topic: Topic, acronym: str | None, title_case: bool = True
) -> str:
    parts = []
    for piece in template.split(" "):
        if "{T}" in piece:
            term = _term(rng, topic)
            piece = piece.replace("{T}", term.capitalize() if title_case else term)
        if "{W}" in piece:
            piece = piece.replace("{W}", rng.choice(TITLE_WORDS))
        if "{A}" in piece:
            piece = piece.replace("{A}", acronym or "")
        parts.append(piece)
    text = " ".join(parts)
    return text[0].upper() + text[1:]


def make_title(rng: random.Random, topic: Topic, state: PaperState) -> tuple[str, str | None]:
    for attempt in range(50):
        template = rng.choice(TITLE_TEMPLATES)
        acronym = _acronym(rng) if "{A}" in template else None
        title = _fill(template, rng, topic, acronym)
        if attempt > 5:
            title += f" {_term(rng, topic).capitalize()} {rng.choice(TITLE_WORDS)}"
        key = _title_key(title)
        if key not in state.title_keys:
            state.title_keys.add(key)
            return title, acronym
    raise RuntimeError("could not find a new title")  # pragma: no cover - vocabulary is large


def make_abstract(rng: random.Random, topic: Topic, acronym: str | None, code_url: str | None) -> str:
    sentences = [_fill(rng.choice(OPENING_SENTENCES), rng, topic, None, title_case=False)]
    if acronym:
        sentences.append(
            f"We propose {acronym}, a {_term(rng, topic)} {_term(rng, topic)} for "
            f"{_term(rng, topic)} {_term(rng, topic)}."
        )
    n_words = _lognormal_int(rng, 150, 40, 320, 0.35)
    words = rng.choices(topic.words, cum_weights=topic.cum_weights, k=n_words)
    i = 0
    while i < n_words:
        length = rng.randint(12, 28)
        chunk = words[i : i + length]
        if len(chunk) > 8 and rng.random() < 0.5:
            chunk[len(chunk) // 2] += ","
        sentence = " ".join(chunk)
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
        i += length
    if code_url:
        sentences.append(rng.choice(CODE_SENTENCES).format(U=code_url))
    return " ".join(sentences)


def _pick_lab(rng: random.Random, world: World) -> int:
    return rng.choices(range(len(world.labs)), cum_weights=world.lab_cum_weights)[0]


def _author_count(rng: random.Random) -> int:
    return rng.choices(range(1, 16), weights=(3, 12, 18, 18, 15, 11, 8, 5, 3.5, 2.5, 1.2, 1, 0.8, 0.6, 0.4))[
        0
    ]


def pick_authors(rng: random.Random, world: World, lab: Lab, focal: int | None) -> tuple[int, ...]:
    """Mostly lab members (skewed to the senior ones), the head usually last; sometimes someone
    from another lab of the topic, or a one-off outsider. ``focal`` is always among them."""
    n = _author_count(rng)
    chosen: list[int] = []
    head_last = lab.size > 1 and rng.random() < 0.7
    while len(chosen) < n - (1 if head_last else 0):
        roll = rng.random()
        if roll < 0.12:
            candidate = world.outsiders[rng.randrange(len(world.outsiders))]
        elif roll < 0.30:
            other = world.labs[rng.choice(world.labs_by_topic[lab.topic])]
            candidate = other.first_person + int(other.size * rng.random() ** 1.5)
        else:
            candidate = (
                lab.first_person + 1 + int((lab.size - 1) * rng.random() ** 1.3)
                if lab.size > 1
                else lab.first_person
            )
        if candidate not in chosen and candidate != lab.first_person:
            chosen.append(candidate)
        elif len(chosen) >= lab.size + 3:  # tiny lab: stop trying
            break
    if head_last or not chosen:
        chosen.append(lab.first_person)
    if focal is not None and focal not in chosen:
        chosen.insert(rng.randrange(len(chosen) + 1), focal)
    return tuple(chosen[:15])


def _random_date(rng: random.Random) -> tuple[int, int, int]:
    year = rng.choices(range(2015, 2026), weights=(1, 1.3, 1.7, 2.2, 2.8, 3.5, 4.2, 5, 6, 7, 7.5))[0]
    return year, rng.randint(1, 12), rng.randint(1, 28)


def new_paper(
    rng: random.Random,
    world: World,
    state: PaperState,
    lab_number: int,
    focal: int | None = None,
    date: tuple[int, int, int] | None = None,
) -> Paper:
    """A new, distinct paper of the lab (``focal`` among its authors; ``date`` when given)."""
    lab = world.labs[lab_number]
    topic = world.topics[lab.topic if rng.random() < 0.85 else rng.randrange(len(world.topics))]
    authors = pick_authors(rng, world, lab, focal)
    year, month, day = date or _random_date(rng)
    title, acronym = make_title(rng, topic, state)
    code_url = None
    if rng.random() < 0.3:
        repo = (acronym or title.split(":")[0].split()[0]).lower().replace(" ", "-")
        code_url = f"https://github.com/{lab.code_owner}/{repo}"
    yymm = f"{year % 100:02d}{month:02d}"
    state.arxiv_next[yymm] += 1
    arxiv_id = f"{yymm}.{state.arxiv_next[yymm]:05d}"
    abstract = make_abstract(rng, topic, acronym, code_url)
    state.next_number += 1
    return Paper(
        state.next_number - 1,
        topic,
        authors,
        lab.orgs,
        year,
        month,
        day,
        title,
        acronym,
        abstract,
        code_url,
        arxiv_id,
    )


# ---------------------------------------------------------------------------------------------
# Writing names and documents


def full_name(world: World, person: int) -> str:
    return (
        f"{world.given_names[world.person_given[person]]} {world.family_names[world.person_family[person]]}"
    )


def listed_name(rng: random.Random, world: World, person: int, tally: Tally) -> str:
    """The name as a listing writes it: usually the full name, sometimes a variant spelling."""
    given = world.given_names[world.person_given[person]]
    family = world.family_names[world.person_family[person]]
    tally.visible.add(person)
    tally.in_full.add(person)
    if ("-" in given or " " in given) and rng.random() < 0.08:
        tally.variant_people.add(person)
        given = given.replace("-", "").replace(" ", "")
        given = given[0] + given[1:].lower()
    return f"{given} {family}"


def initials_name(world: World, person: int, tally: Tally) -> str:
    """``Jung-Woo Ha`` -> ``J Ha``; ``Hyung Jin Chang`` -> ``H J Chang`` (the digest style)."""
    tally.visible.add(person)
    given = world.given_names[world.person_given[person]]
    return (
        " ".join(part[0] for part in given.split(" ")) + " " + world.family_names[world.person_family[person]]
    )


def bibtex_name(world: World, person: int, tally: Tally) -> str:
    tally.visible.add(person)
    tally.in_full.add(person)
    return (
        f"{world.family_names[world.person_family[person]]}, {world.given_names[world.person_given[person]]}"
    )


def _author_list(rng: random.Random, world: World, paper: Paper, tally: Tally) -> str:
    shown = [listed_name(rng, world, p, tally) for p in paper.authors[:LISTED_AUTHORS]]
    text = ", ".join(shown)
    if len(paper.authors) > LISTED_AUTHORS:
        tally.truncated_lists += 1
        text += " et al."
    return text


def _date_line(paper: Paper, with_year: bool) -> str:
    date = f"{MONTHS[paper.month - 1]} {paper.day}"
    return f"{date}, {paper.year}" if with_year else date


def _count(tally: Tally, paper: Paper, repeat: str | None = None) -> None:
    tally.people.update(paper.authors)
    if repeat:
        tally.repeats[repeat] += 1
    else:
        tally.papers += 1
        tally.with_code += paper.code_url is not None


def format_profile_list(rng: random.Random, world: World, papers: list[Paper], tally: Tally) -> str:
    """seeds/000: ``CVJul 27, 2022Code`` / title glued to authors / abstract."""
    lines = []
    for paper in papers:
        code = "Code" if paper.code_url else ""
        lines.append(f"{paper.topic.code}{_date_line(paper, True)}{code}")
        lines.append(paper.title + _author_list(rng, world, paper, tally))
        lines.append(paper.abstract)
    return "\n".join(lines)


def format_profile_page(
    rng: random.Random, world: World, focal: int, lab: Lab, papers: list[Paper], tally: Tally
) -> str:
    """seeds/003: researcher header, then blank-line separated blocks per paper."""
    n = len(papers)
    h_index = max(1, min(n, int(math.sqrt(n) * rng.uniform(1.2, 2.5))))
    tally.visible.add(focal)
    tally.in_full.add(focal)
    tally.profiles += 1
    blocks = [
        full_name(world, focal),
        "\n".join(
            [
                world.topics[lab.topic].code,
                f"h-index{h_index}",
                f"{n}papers",
                f"{int(n * rng.lognormvariate(2.5, 0.7))}citations",
                f"Novelty{rng.randint(20, 90)}%",
                f"AI Score{rng.randint(20, 95)}",
            ]
        ),
        f"{n} Papers",
    ]
    for paper in papers:
        with_year = rng.random() >= 0.04
        tally.yearless_dates += not with_year
        authors = _author_list(rng, world, paper, tally)
        if rng.random() < 0.12:
            authors += " · " + ", ".join(world.orgs[o].short.lower() for o in paper.orgs)
            tally.orgs_named.update(paper.orgs)
        code = "Code" if paper.code_url else ""
        blocks += [
            f"{paper.topic.code}{_date_line(paper, with_year)}{code}\n{paper.title}",
            authors,
            paper.abstract,
        ]
    return "\n\n".join(blocks)


def format_abstract_lines(papers: list[Paper]) -> str:
    """seeds/001: one ``Abstract:...`` a line."""
    return "\n".join(f"Abstract:{paper.abstract}" for paper in papers)


def _chinese_title(rng: random.Random, topic: Topic) -> str:
    return "".join(rng.choice(topic.terms_zh) for _ in range(rng.randint(2, 4))) + rng.choice(
        ("研究", "方法", "学习", "")
    )


def _chinese_text(rng: random.Random, topic: Topic) -> str:
    sentences = []
    for _ in range(rng.randint(2, 4)):
        words = [
            rng.choice(topic.terms_zh if rng.random() < 0.5 else SHARED_ZH) for _ in range(rng.randint(8, 16))
        ]
        sentences.append("".join(words) + "。")
    return "".join(sentences)


def _digest_orgs(rng: random.Random, world: World, paper: Paper, tally: Tally) -> str:
    tally.orgs_named.update(paper.orgs)
    names = [world.orgs[o].short if rng.random() < 0.15 else world.orgs[o].name for o in paper.orgs]
    return "[" + " & ".join(names) + "]"


def format_digest(
    rng: random.Random, world: World, main: list[Paper], short: list[Paper], tally: Tally
) -> str:
    """seeds/004: legend, numbered entries with initials, organisations, Chinese summary, English
    abstract and arXiv link; short entries after 另外几篇值得关注的论文."""
    codes = set(DIGEST_LEGEND_CODES) | {p.topic.code for p in main + short}
    legend = " \u00a0 ".join(f"{c} - {CATEGORIES[c][1]}" for c in sorted(codes, key=_legend_order))
    zh_titles = {p.number: _chinese_title(rng, p.topic) for p in main + short}
    nbsp = "\u00a0"
    blocks = [legend, DIGEST_HEADER[0], "摘要:" + "、".join(zh_titles[p.number] for p in main), nbsp]
    for i, paper in enumerate(main, start=1):
        entry = [
            f"{i}、[{paper.topic.code}] {paper.title}",
            ", ".join(initials_name(world, a, tally) for a in paper.authors),
        ]
        if rng.random() < 0.95:
            entry.append(_digest_orgs(rng, world, paper, tally))
        prefix = f"{paper.acronym}:" if paper.acronym else ""
        entry += [
            f"{prefix}{zh_titles[paper.number]}。{_chinese_text(rng, paper.topic)}",
            paper.abstract,
            f"https://arxiv.org/abs/{paper.arxiv_id}",
            nbsp,
        ]
        blocks += entry
    if short:
        blocks += [DIGEST_HEADER[1], nbsp]
        for paper in short:
            blocks += [
                f"[{paper.topic.code}] {paper.title}",
                zh_titles[paper.number],
                ", ".join(initials_name(world, a, tally) for a in paper.authors),
                _digest_orgs(rng, world, paper, tally),
                f"https://arxiv.org/abs/{paper.arxiv_id}",
                nbsp,
            ]
    blocks.append(DIGEST_HEADER[2])
    return "\n\n".join(blocks)


def _legend_order(code: str) -> tuple[int, str]:
    return (DIGEST_LEGEND_CODES.index(code), "") if code in DIGEST_LEGEND_CODES else (99, code)


def _bib_escape(text: str) -> str:
    return text.replace("&", r"\&").replace("%", r"\%").replace("_", r"\_")


def format_bibtex(rng: random.Random, world: World, papers: list[Paper], tally: Tally) -> str:
    """BibTeX entries: ``Last, First and ...``, ``and others`` for cut lists, doi, eprint."""
    entries = []
    for paper in papers:
        authors = list(paper.authors)
        cut = len(authors) > 4 and rng.random() < 0.15
        names = [bibtex_name(world, a, tally) for a in (authors[:3] if cut else authors)]
        if cut:
            names.append("others")
            tally.truncated_lists += 1
        first_family = world.family_names[world.person_family[paper.authors[0]]]
        key = (
            f"{''.join(ch for ch in first_family.lower() if ch.isascii() and ch.isalpha())}"
            f"{paper.year}{paper.title.split()[0].lower().strip(':?')}{paper.number}"
        )
        title = (
            paper.title.replace(paper.acronym, "{" + paper.acronym + "}", 1) if paper.acronym else paper.title
        )
        kind = rng.random()
        fields = [("title", _bib_escape(title)), ("author", " and ".join(names))]
        if kind < 0.55:
            entry_type = "article"
            fields += [
                ("journal", f"arXiv preprint arXiv:{paper.arxiv_id}"),
                ("year", str(paper.year)),
                ("eprint", paper.arxiv_id),
                ("archivePrefix", "arXiv"),
                ("primaryClass", paper.topic.arxiv_class),
                ("doi", f"10.48550/arXiv.{paper.arxiv_id}"),
            ]
        elif kind < 0.85:
            entry_type = "inproceedings"
            venue = VENUES[paper.topic.code][paper.number % len(VENUES[paper.topic.code])]
            fields += [
                ("booktitle", f"Proceedings of {venue} {paper.year}"),
                ("year", str(paper.year)),
                ("month", BIB_MONTHS[paper.month - 1]),
                ("pages", f"{100 + paper.number % 900}--{110 + paper.number % 900}"),
                ("doi", f"10.1000/kgbench.{paper.year}.{paper.number}"),
            ]
        else:
            entry_type = "misc"
            fields += [
                ("year", str(paper.year)),
                ("eprint", paper.arxiv_id),
                ("archivePrefix", "arXiv"),
                ("url", f"https://arxiv.org/abs/{paper.arxiv_id}"),
            ]
        if rng.random() < 0.7:
            fields.append(("abstract", _bib_escape(paper.abstract)))
        width = max(len(name) for name, _ in fields)
        body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields)
        entries.append(f"@{entry_type}{{{key},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"


# ---------------------------------------------------------------------------------------------
# The corpus


@dataclass
class Queues:
    """Papers waiting to be seen a second time (bounded, so memory stays flat)."""

    abstracts: list = field(default_factory=list)
    digest: list = field(default_factory=list)
    limit: int = 5000

    def offer(self, queue: list, paper: Paper) -> None:
        if len(queue) < self.limit:
            queue.append(paper)


def _choose_layout(tally: Tally) -> str:
    """Each layout once first (so that small corpora hold every layout), then the layout furthest
    behind its share of the papers written so far."""
    for layout in LAYOUT_SHARES:
        if not tally.documents[layout]:
            return layout
    done = tally.papers + 1
    return max(LAYOUT_SHARES, key=lambda lay: LAYOUT_SHARES[lay] * done - tally.new_by_layout[lay])


def _room(tally: Tally, papers: int) -> int:
    """New papers the next document may hold: while some layout has no document yet, leave room
    for one in each."""
    remaining = papers - tally.papers
    missing = sum(1 for layout in LAYOUT_SHARES if not tally.documents[layout])
    return max(1, remaining // missing) if missing else remaining


def _write(out_dir: Path, layout: str, text: str, records: int, tally: Tally) -> None:
    number = tally.documents[layout]
    tally.documents[layout] += 1
    tally.records[layout] += records
    rel = f"input/{layout}/{number:06d}.{'bib' if layout == 'bibtex' else 'txt'}"
    data = text.encode("utf-8")
    (out_dir / rel).write_bytes(data)
    tally.bytes += len(data)
    tally.files[rel] = {"layout": layout, "records": records}


def generate(papers: int, seed: int, out_dir: Path) -> dict:
    """Write a corpus of ``papers`` distinct papers into ``out_dir``; return the manifest."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    for layout in LAYOUT_SHARES:
        (out_dir / "input" / layout).mkdir(parents=True, exist_ok=True)
        for stale in (out_dir / "input" / layout).iterdir():
            stale.unlink()
    rng = random.Random(seed)
    world = make_world(rng, papers)
    state, tally, queues = PaperState(), Tally(), Queues()
    while tally.papers < papers:
        layout = _choose_layout(tally)
        remaining = _room(tally, papers)
        before = tally.papers
        _write_document(rng, world, state, tally, queues, layout, remaining, out_dir)
        tally.new_by_layout[layout] += tally.papers - before
    manifest = _manifest(world, tally, papers, seed)
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return {**manifest, "seconds": round(time.perf_counter() - started, 2)}


def _write_document(
    rng,
    world: World,
    state: PaperState,
    tally: Tally,
    queues: Queues,
    layout: str,
    remaining: int,
    out_dir: Path,
) -> None:
    if layout in ("profile_list", "profile_page"):
        lab_number = _pick_lab(rng, world)
        lab = world.labs[lab_number]
        focal = lab.first_person + (0 if rng.random() < 0.6 or lab.size < 4 else rng.randint(1, 3))
        n = min(remaining, _lognormal_int(rng, *DOC_SIZES[layout]))
        docs = []
        for _ in range(n):
            number = lab_number if rng.random() < 0.85 else _pick_lab(rng, world)
            paper = new_paper(rng, world, state, number, focal)
            _count(tally, paper)
            if rng.random() < 0.06:
                queues.offer(queues.abstracts, paper)
            docs.append(paper)
        text = (
            format_profile_list(rng, world, docs, tally)
            if layout == "profile_list"
            else format_profile_page(rng, world, focal, lab, docs, tally)
        )
        _write(out_dir, layout, text, n, tally)
    elif layout == "arxiv_digest":
        n_main = min(remaining, rng.randint(3, 8))
        n_short = min(remaining - n_main, rng.choice((0, 0, 2, 3, 4, 5)))
        docs, day = [], _random_date(rng)
        for _ in range(n_main + n_short):
            paper = new_paper(rng, world, state, _pick_lab(rng, world), date=day)
            _count(tally, paper)
            if rng.random() < 0.1:
                queues.offer(queues.digest, paper)
            docs.append(paper)
        _write(
            out_dir,
            layout,
            format_digest(rng, world, docs[:n_main], docs[n_main:], tally),
            n_main + n_short,
            tally,
        )
    elif layout == "bibtex":
        docs = _with_repeats(
            rng,
            world,
            state,
            tally,
            queues.digest,
            BIBTEX_REPEAT_SHARE,
            _lognormal_int(rng, *DOC_SIZES["bibtex"]),
            remaining,
            "bibtex_of_digest",
        )
        _write(out_dir, layout, format_bibtex(rng, world, docs, tally), len(docs), tally)
    else:
        docs = _with_repeats(
            rng,
            world,
            state,
            tally,
            queues.abstracts,
            ABSTRACT_REPEAT_SHARE,
            _lognormal_int(rng, *DOC_SIZES["abstract_lines"]),
            remaining,
            "abstract_only",
        )
        _write(out_dir, layout, format_abstract_lines(docs), len(docs), tally)


def _with_repeats(
    rng,
    world: World,
    state: PaperState,
    tally: Tally,
    queue: list,
    share: float,
    size: int,
    remaining: int,
    kind: str,
) -> list[Paper]:
    """``size`` papers: about ``share`` of them taken from ``queue`` (seen before), the rest new
    (at most ``remaining``), shuffled together."""
    repeats = [queue.pop(0) for _ in range(min(len(queue), int(size * share + rng.random())))]
    fresh = []
    lab_number = _pick_lab(rng, world)
    for _ in range(min(remaining, size - len(repeats))):
        number = lab_number if rng.random() < 0.7 else _pick_lab(rng, world)
        fresh.append(new_paper(rng, world, state, number))
    for paper in repeats:
        _count(tally, paper, kind)
    for paper in fresh:
        _count(tally, paper)
    docs = repeats + fresh
    rng.shuffle(docs)
    return docs


def _manifest(world: World, tally: Tally, requested: int, seed: int) -> dict:
    names = Counter((world.person_given[p], world.person_family[p]) for p in tally.visible)
    return {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "papers_requested": requested,
        "papers": tally.papers,
        "records": sum(tally.records.values()),
        "records_by_layout": dict(sorted(tally.records.items())),
        "documents_by_layout": dict(sorted(tally.documents.items())),
        "repeated_records": dict(sorted(tally.repeats.items())),
        "profiles": tally.profiles,
        "people": len(tally.people),
        "authors_visible": len(tally.visible),
        "author_names_visible": len(names),
        "homonym_people_visible": sum(n for n in names.values() if n > 1),
        "people_named_only_by_initials": len(tally.visible - tally.in_full),
        "people_with_variant_spellings": len(tally.variant_people),
        "labs": len(world.labs),
        "organizations": len(world.orgs),
        "organizations_named": len(tally.orgs_named),
        "topics": len(world.topics),
        "categories": sorted({t.code for t in world.topics}),
        "truncated_author_lists": tally.truncated_lists,
        "yearless_dates": tally.yearless_dates,
        "papers_with_code": tally.with_code,
        "bytes": tally.bytes,
        "files": dict(sorted(tally.files.items())),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, required=True, help="distinct papers to generate")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--out", type=Path, required=True, help="output folder")
    args = parser.parse_args(argv)
    manifest = generate(args.papers, args.seed, args.out)
    summary = {k: v for k, v in manifest.items() if k != "files"}
    print(json.dumps(summary, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
