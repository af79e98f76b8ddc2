"""Token tiers from Python: ``api`` (the Tier data class, one wrapper per function of schema ``tiers``) and
``service`` (``TierService``: the in-process cache, the NOTIFY listener, the environment fallback)."""

from runner.tiers.api import SORTS, Tier, TierMove
from runner.tiers.service import TierService, env_tiers

__all__ = ["SORTS", "Tier", "TierMove", "TierService", "env_tiers"]
