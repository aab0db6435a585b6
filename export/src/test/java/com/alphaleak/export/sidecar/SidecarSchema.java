package com.alphaleak.export.sidecar;

import com.alphaleak.model.ModelSidecar;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.InputStream;
import java.util.List;

/** Validates sidecar JSON against the schema shipped in core ({@link ModelSidecar#SCHEMA_RESOURCE}). */
public final class SidecarSchema {
    private SidecarSchema() {}

    public static List<String> validate(String json) throws Exception {
        try (InputStream in = ModelSidecar.class.getClassLoader().getResourceAsStream(ModelSidecar.SCHEMA_RESOURCE)) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            return schema.validate(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)).stream()
                    .map(ValidationMessage::getMessage).sorted().toList();
        }
    }
}
