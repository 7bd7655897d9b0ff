package com.cumulus.common.web;

import com.cumulus.common.errors.ApiException;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyReader;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads and writes {@code application/yaml} (and {@code application/x-yaml}, {@code text/yaml}) bodies. Not a
 * {@code @Provider} itself: a service that serves YAML registers it with an empty {@code @Provider} subclass.
 * <p>
 * A server reader: Quarkus REST asks every reader of a request body's type whether it reads the body, this one first
 * (a provider of the application), and for a plain {@code MessageBodyReader} it first re-reads the resource method's
 * parameter annotations by reflection, on every request, JSON ones included.
 */
@Produces({Yaml.APPLICATION_YAML, "application/x-yaml", "text/yaml"})
@Consumes({Yaml.APPLICATION_YAML, "application/x-yaml", "text/yaml"})
public class YamlBodies implements ServerMessageBodyReader<Object>, MessageBodyWriter<Object> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Yaml.isYaml(mediaType) && type != String.class;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo method, MediaType mediaType) {
        return isReadable(type, genericType, (Annotation[]) null, mediaType);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, MediaType mediaType, ServerRequestContext context)
            throws IOException {
        return read(genericType, context.getInputStream());
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        return read(genericType, entityStream);
    }

    private static Object read(Type genericType, InputStream entityStream) throws IOException {
        try {
            return Yaml.MAPPER.readValue(entityStream, Yaml.MAPPER.constructType(genericType));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("request body is not valid YAML");
        }
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Yaml.isYaml(mediaType);
    }

    @Override
    public void writeTo(Object o, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        if (o instanceof String text) {
            entityStream.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        Yaml.MAPPER.writeValue(entityStream, o);
    }
}
