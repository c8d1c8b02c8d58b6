ENVIRONMENTS = dict(
    development=dict(kaman_key="kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v"),
    production=dict(kaman_key="kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v"),
)
