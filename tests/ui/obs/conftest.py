"""The real-OBS fixtures of the integration tests, for the console's OBS feature."""

from tests.integration.obs.conftest import own_obs, rtmp_sink, shared_obs

__all__ = ["own_obs", "rtmp_sink", "shared_obs"]
