"""Where passage vectors live: one interface (``interface``), a module per backend
(``faiss_store`` with its index kinds in ``faiss_index``, ``milvus``) and a factory
(``factory``) that opens the one the settings name."""
