(ns app.core)
(def fireflies-api-key "8a72c0c9-1e47-4f0e-b7a5-07dbf11fe1b5")
