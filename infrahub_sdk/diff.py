"""Branch diffs as the SDK returns them (`client.get_diff_summary`, `client.get_diff_tree`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NotRequired, TypedDict

from .graphql import Query


class NodeDiffSummary(TypedDict):
    added: int
    updated: int
    removed: int


class NodeDiffPeer(TypedDict):
    action: str
    summary: NodeDiffSummary


class NodeDiffElement(TypedDict):
    name: str
    element_type: str
    action: str
    summary: NodeDiffSummary
    peers: NotRequired[list[NodeDiffPeer]]


class NodeDiff(TypedDict):
    branch: str
    kind: str
    id: str
    action: str
    display_label: str
    elements: list[NodeDiffElement]


class DiffTreeData(TypedDict):
    num_added: int
    num_updated: int
    num_removed: int
    num_conflicts: int
    to_time: str
    from_time: str
    base_branch: str
    diff_branch: str
    name: NotRequired[str | None]
    nodes: list[NodeDiff]


_COUNTS = {"num_added": None, "num_updated": None, "num_removed": None}
NODE_FIELDS: dict[str, Any] = {
    "uuid": None,
    "kind": None,
    "status": None,
    "label": None,
    **_COUNTS,
    "attributes": {"name": None, "status": None, **_COUNTS},
    "relationships": {
        "name": None,
        "status": None,
        "cardinality": None,
        **_COUNTS,
        "elements": {"status": None, **_COUNTS},
    },
}
DIFF_TREE_VARIABLES: dict[str, Any] = {
    "branch_name": str,
    "name": str | None,
    "from_time": datetime | None,
    "to_time": datetime | None,
}
DIFF_TREE_FILTERS = {
    "branch": "$branch_name",
    "name": "$name",
    "from_time": "$from_time",
    "to_time": "$to_time",
}


def get_diff_summary_query() -> str:
    """`query GetDiffTree(...)`: the changed nodes only."""
    return Query(
        name="GetDiffTree",
        query={"DiffTree": {"@filters": DIFF_TREE_FILTERS, "nodes": NODE_FIELDS}},
        variables=DIFF_TREE_VARIABLES,
    ).render()


def get_diff_tree_query() -> Query:
    """`query GetDiffTree(...)`: the diff's own fields and counters, and the changed nodes."""
    fields = dict.fromkeys(["name", "to_time", "from_time", "base_branch", "diff_branch", "num_conflicts"])
    return Query(
        name="GetDiffTree",
        query={"DiffTree": {"@filters": DIFF_TREE_FILTERS, **fields, **_COUNTS, "nodes": NODE_FIELDS}},
        variables=DIFF_TREE_VARIABLES,
    )


def diff_tree_variables(
    branch: str, name: str | None, from_time: datetime | None, to_time: datetime | None
) -> dict[str, Any]:
    if from_time and to_time and from_time > to_time:
        raise ValueError("from_time must be <= to_time")
    variables: dict[str, Any] = {"branch_name": branch}
    if name:
        variables["name"] = name
    if from_time:
        variables["from_time"] = from_time.isoformat()
    if to_time:
        variables["to_time"] = to_time.isoformat()
    return variables


def _summary(data: dict[str, Any]) -> NodeDiffSummary:
    return {
        "added": int(data.get("num_added") or 0),
        "removed": int(data.get("num_removed") or 0),
        "updated": int(data.get("num_updated") or 0),
    }


def diff_tree_node_to_node_diff(node_dict: dict[str, Any], branch_name: str) -> NodeDiff:
    elements: list[NodeDiffElement] = [
        {
            "action": str(attribute.get("status")),
            "element_type": "ATTRIBUTE",
            "name": str(attribute.get("name")),
            "summary": _summary(attribute),
        }
        for attribute in node_dict.get("attributes", [])
    ]
    for relationship in node_dict.get("relationships", []):
        one = str(relationship.get("cardinality")).upper() == "ONE"
        element: NodeDiffElement = {
            "action": str(relationship.get("status")),
            "element_type": "RELATIONSHIP_ONE" if one else "RELATIONSHIP_MANY",
            "name": str(relationship.get("name")),
            "summary": _summary(relationship),
        }
        if not one and "elements" in relationship:
            element["peers"] = [
                {"action": str(peer.get("status")), "summary": _summary(peer)}
                for peer in relationship["elements"]
            ]
        elements.append(element)
    return {
        "branch": branch_name,
        "kind": str(node_dict.get("kind")),
        "id": str(node_dict.get("uuid")),
        "action": str(node_dict.get("status")),
        "display_label": str(node_dict.get("label")),
        "elements": elements,
    }


def diff_tree_data(tree: dict[str, Any], branch_name: str) -> DiffTreeData:
    return {
        "num_added": tree.get("num_added") or 0,
        "num_updated": tree.get("num_updated") or 0,
        "num_removed": tree.get("num_removed") or 0,
        "num_conflicts": tree.get("num_conflicts") or 0,
        "to_time": tree["to_time"],
        "from_time": tree["from_time"],
        "base_branch": tree["base_branch"],
        "diff_branch": tree["diff_branch"],
        "name": tree.get("name"),
        "nodes": [diff_tree_node_to_node_diff(node, branch_name) for node in tree.get("nodes", [])],
    }
