#!/usr/bin/env python3
"""ToolRL's tool-call correctness reward (Qian et al. 2025, "ToolRL: Reward is All Tool
Learning Needs"), transcribed from the formula its reward code implements. Reads JSON lines
{"predicted": [...], "gold": [...]} and prints the reward for each."""

import json
import sys
from collections import Counter


def match_score(list1, list2):
    if list1 == list2:
        return 1.0
    if not list1 or not list2:
        return 0.0
    count1, count2 = Counter(list1), Counter(list2)
    intersection = sum(min(count1[k], count2[k]) for k in count1.keys() & count2.keys())
    max_possible = len(list1) + len(list2) - intersection
    return intersection / max_possible if max_possible > 0 else 0.0


def tool_call_reward(gt_tools, pd_tools, max_possible_reward=3.0, min_possible_reward=-3.0):
    if gt_tools == pd_tools:
        return max_possible_reward
    score = match_score([t["name"] for t in gt_tools], [t["name"] for t in pd_tools])
    local_max_possible = 1.0
    used = set()
    for gt_tool in gt_tools:
        gt_params = gt_tool["parameters"]
        local_max_possible += 1.0 + len(gt_params)
        best_match, best_score, best_index = None, 0.0, -1
        for i, pd_tool in enumerate(pd_tools):
            if i in used or pd_tool["name"] != gt_tool["name"]:
                continue
            pd_params = pd_tool["parameters"]
            param_score = match_score(list(gt_params.keys()), list(pd_params.keys()))
            correctness = sum(1.0 for k, v in gt_params.items() if k in pd_params and pd_params[k] == v)
            if param_score + correctness > best_score:
                best_match, best_score, best_index = pd_tool, param_score + correctness, i
        if best_match:
            used.add(best_index)
            score += best_score
    return (max_possible_reward - min_possible_reward) * score / local_max_possible + min_possible_reward


for line in sys.stdin:
    case = json.loads(line)
    print(json.dumps(tool_call_reward(case["gold"], case["predicted"])))
