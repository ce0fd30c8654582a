# ser4j's REST service (and CLI) in a container, from the binary distribution. Build the archive first:
#   mvn -B -pl ser4j-cli -am package -DskipTests      (writes ser4j-cli/target/ser4j-<version>.tar.gz)
#   docker build -t ser4j .
#   docker run -p 8080:8080 -v ser4j-data:/data ser4j                     (add --store-audio for feedback retraining)
#   docker run --rm -v "$PWD:/in:ro" ser4j predict /in/clip.wav            (any other ser4j command)
# The archive's launcher, predict and serve + /health are tested by ser4j-cli's DistributionIT; this file itself
# was written where no container engine exists and has not been built there.
FROM eclipse-temurin:17-jre

# curl for the health check; bash (in the base image) runs bin/ser4j.
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

# ADD extracts the local tar.gz into /opt/ser4j-<version>/. 'ser4j selftest' checks the install and records the
# start-up (class-data-sharing) archive into /opt/ser4j/lib, where every user's one-shot commands find it.
ADD ser4j-cli/target/ser4j-*.tar.gz /opt/
RUN ln -s /opt/ser4j-* /opt/ser4j && ln -s /opt/ser4j/bin/ser4j /usr/local/bin/ser4j \
    && useradd --system --create-home --home-dir /home/ser4j --shell /usr/sbin/nologin ser4j \
    && mkdir -p /data && chown ser4j:ser4j /data \
    && ser4j selftest

# serve's data directory (SQLite database, lock, stored audio) lives on the volume.
ENV SER4J_HOME_DATA=/data
VOLUME /data
USER ser4j
WORKDIR /home/ser4j
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["ser4j"]
# serve listens on 127.0.0.1 unless told otherwise; in a container it must listen on every interface. With
# --api-keys on 0.0.0.0, /health needs a key unless opened: add --open-routes health for the HEALTHCHECK above.
CMD ["serve", "--host", "0.0.0.0", "--port", "8080"]
