-- The load's areas (registered as `new_areas`, in ingest.build.AREA_COLUMNS): their values win column by
-- column, but a column a load leaves empty (a population-only load has no shapes) keeps the area's own.
INSERT INTO areas BY NAME
SELECT n.area_id,
       coalesce(n.name, o.name) AS name,
       coalesce(n.level, o.level) AS level,
       coalesce(n.parent_id, o.parent_id) AS parent_id,
       coalesce(n.population, o.population) AS population,
       coalesce(n.geometry, o.geometry) AS geometry,
       coalesce(n.geometry_drawn, o.geometry_drawn) AS geometry_drawn,
       coalesce(n.centroid_lon, o.centroid_lon) AS centroid_lon,
       coalesce(n.centroid_lat, o.centroid_lat) AS centroid_lat
FROM new_areas n LEFT JOIN old.areas o USING (area_id)
