"""常态化考评: the indicator system, quarterly runs, 红黄绿, dashboards and exports (MISSION F5)."""
